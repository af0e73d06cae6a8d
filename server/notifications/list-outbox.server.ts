import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ZListOutboxInput, ZOutboxMessage } from './notifications.schemas.ts'
import type { z } from 'zod'

/**
 * The development outbox (and failed deliveries) as an organization's admin may see it: messages addressed to
 * its members or invitees, and about this organization or one of its partnerships (or about nothing in
 * particular). A member who also belongs to another organization does not expose that organization's mail.
 */
export async function listOutbox(scope: OrgScope, input: unknown): Promise<Array<z.infer<typeof ZOutboxMessage>>> {
  const { limit, status } = ZListOutboxInput.parse(input)
  const prisma = await db()
  const [members, invitations, partnerships] = await Promise.all([
    prisma.membership.findMany({ where: { organizationId: scope.orgId }, select: { user: { select: { email: true } } } }),
    prisma.invitation.findMany({ where: { organizationId: scope.orgId }, select: { email: true } }),
    prisma.partnership.findMany({ where: { OR: [{ mspOrgId: scope.orgId }, { clientOrgId: scope.orgId }] }, select: { id: true } }),
  ])
  const addresses = [...new Set([...members.map((m) => m.user.email), ...invitations.map((i) => i.email)])]
  const rows = await prisma.outboxMessage.findMany({
    where: {
      to: { in: addresses },
      ...(status ? { status } : {}),
      OR: [{ organizationId: scope.orgId }, { partnershipId: { in: partnerships.map((p) => p.id) } }, { organizationId: null, partnershipId: null }],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  })
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: r.attachments as Array<{ filename: string; contentType: string; size: number }>,
    status: r.status,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  }))
}
