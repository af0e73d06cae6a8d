import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ZListOutboxInput, ZOutboxMessage } from './notifications.schemas.ts'
import type { z } from 'zod'

/**
 * The development outbox (and failed deliveries) as an organization's admin may see it (issue 13, D17): messages to
 * people who are members of the organization when it is read, about this organization or one of its partnerships
 * (or about nothing in particular); and the invitations this organization itself sent. An address that was only
 * invited (or that left) shows nothing else: inviting an address must not open its other mail (a reset link, say)
 * to the inviter. A member who also belongs to another organization does not expose that organization's mail.
 */
export async function listOutbox(scope: OrgScope, input: unknown): Promise<Array<z.infer<typeof ZOutboxMessage>>> {
  const { limit, status } = ZListOutboxInput.parse(input)
  const prisma = await db()
  const [members, partnerships] = await Promise.all([
    prisma.membership.findMany({ where: { organizationId: scope.orgId }, select: { user: { select: { email: true } } } }),
    prisma.partnership.findMany({ where: { OR: [{ mspOrgId: scope.orgId }, { clientOrgId: scope.orgId }] }, select: { id: true } }),
  ])
  const rows = await prisma.outboxMessage.findMany({
    where: {
      ...(status ? { status } : {}),
      OR: [
        {
          to: { in: members.map((m) => m.user.email) },
          OR: [{ organizationId: scope.orgId }, { partnershipId: { in: partnerships.map((p) => p.id) } }, { organizationId: null, partnershipId: null }],
        },
        { kind: 'INVITATION', organizationId: scope.orgId },
      ],
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
