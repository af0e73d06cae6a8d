import { sendEmails } from '../../emails/send-email.server.ts'
import { roadmapApprovalEmail } from '../../emails/templates/roadmap-approval.tsx'
import { ROLES, roleCan } from '../access/permissions.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { RoadmapItemDto } from '../roadmap/roadmap.schemas.ts'
import { partnershipRecipients } from './preferences.server.ts'

const APPROVER_ROLES = ROLES.filter((r) => roleCan(r, 'roadmap.approve'))

const money = (amount: number) => amount.toLocaleString('en-US', { maximumFractionDigits: 2 })

export function describeBudget(item: Pick<RoadmapItemDto, 'oneTime' | 'recurring' | 'recurringPeriod' | 'currency'>): string {
  const parts = [`${item.currency} ${money(item.oneTime)} one-time`]
  if (item.recurring) parts.push(`${money(item.recurring)} / ${item.recurringPeriod === 'YEAR' ? 'year' : 'month'}`)
  return parts.join(' + ')
}

/**
 * A roadmap item became PROPOSED, or an edit reset its approvals: the approvers of the other party (the one that
 * did not make the change) are asked, unless their party has already approved. Called after the commit.
 */
export async function notifyRoadmapApprovalRequested(scope: PartnershipScope, actor: Actor, item: RoadmapItemDto, appUrl: string) {
  const otherParty = scope.party === 'MSP' ? 'CLIENT' : 'MSP'
  if ((otherParty === 'MSP' ? item.mspApproval : item.clientApproval) !== null) return []
  const partnership = await (await db()).partnership.findUniqueOrThrow({
    where: { id: scope.id },
    select: { mspOrgId: true, clientOrgId: true, mspOrg: { select: { name: true } }, clientOrg: { select: { name: true } } },
  })
  const recipients = await partnershipRecipients(partnership, 'ROADMAP_APPROVAL', { party: otherParty, roles: APPROVER_ROLES })
  if (recipients.length === 0) return []
  const rendered = await roadmapApprovalEmail({
    partnershipName: `${partnership.mspOrg.name} × ${partnership.clientOrg.name}`,
    title: item.title,
    targetQuarter: item.targetQuarter,
    budget: describeBudget(item),
    requestedBy: actor.label.replace(/\s*<.*>$/, ''),
    resetReason: item.status === 'PROPOSED' && item.approvalResetReason ? item.approvalResetReason : null,
    url: `${appUrl}/p/${scope.slug}/roadmap/${item.id}`,
    appUrl,
  })
  return sendEmails(recipients.map((r) => ({ ...rendered, to: r.email, kind: 'ROADMAP_APPROVAL' as const, context: { partnershipId: scope.id } })))
}
