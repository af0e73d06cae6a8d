import { sendEmails } from '../../emails/send-email.server.ts'
import { slaDisputeEmail } from '../../emails/templates/sla-dispute.tsx'
import { ROLES, roleCan } from '../access/permissions.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { partnershipRecipients } from '../notifications/preferences.server.ts'
import type { DisputeDto } from './disputes.schemas.ts'

const ANSWERERS = ROLES.filter((r) => roleCan(r, 'dispute.answer'))
const RAISERS = ROLES.filter((r) => roleCan(r, 'dispute.raise'))

/**
 * Each step goes to the other party: a new dispute to the MSP's people who may answer it, an answer to the client's
 * people who may raise disputes. Each recipient's SLA_DISPUTE choice decides. Called after the commit.
 */
export async function notifyDisputeStep(scope: PartnershipScope, dispute: DisputeDto, appUrl: string) {
  const step = dispute.events.at(-1)!
  const party = step.kind === 'RAISED' ? 'MSP' : 'CLIENT'
  const partnership = await (await db()).partnership.findUniqueOrThrow({
    where: { id: scope.id },
    select: { mspOrgId: true, clientOrgId: true, mspOrg: { select: { name: true } }, clientOrg: { select: { name: true } } },
  })
  const recipients = await partnershipRecipients(partnership, 'SLA_DISPUTE', { party, roles: party === 'MSP' ? ANSWERERS : RAISERS })
  if (recipients.length === 0) return []
  const rendered = await slaDisputeEmail({
    partnershipName: `${partnership.mspOrg.name} × ${partnership.clientOrg.name}`,
    step: step.kind,
    ticket: dispute.ticket.externalId,
    metric: dispute.metric,
    computedVerdict: dispute.computedVerdict,
    agreedVerdict: dispute.agreedVerdict,
    by: step.by,
    body: step.body,
    url: `${appUrl}/p/${scope.slug}/sla/tickets/${encodeURIComponent(dispute.ticket.externalId)}#dispute-${dispute.id}`,
    appUrl,
  })
  const orgId = party === 'MSP' ? partnership.mspOrgId : partnership.clientOrgId
  return sendEmails(recipients.map((r) => ({ ...rendered, to: r.email, kind: 'SLA_DISPUTE' as const, context: { partnershipId: scope.id, organizationId: orgId } })))
}
