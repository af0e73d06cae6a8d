import { z } from 'zod'
import { ROLE_PERMISSIONS } from '../access/permissions.ts'
import type { OrgScope, PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'

export const ZListAuditEventsInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  /** The id of the last event of the previous page. */
  cursor: z.string().uuid().optional(),
})
export type ListAuditEventsInput = z.input<typeof ZListAuditEventsInput>

export const ZAuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
})
export type AuditEventDto = z.infer<typeof ZAuditEvent>
export const ZAuditPage = z.object({ events: z.array(ZAuditEvent), nextCursor: z.string().nullable() })

async function page(where: Prisma.AuditEventWhereInput, input: ListAuditEventsInput) {
  const { limit, cursor } = ZListAuditEventsInput.parse(input)
  const rows = await (await db()).auditEvent.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  })
  const events = rows.slice(0, limit).map(
    (e): AuditEventDto => ({
      id: e.id,
      at: e.createdAt.toISOString(),
      actor: e.actorLabel,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      changes: e.changes as AuditEventDto['changes'],
    }),
  )
  return { events, nextCursor: rows.length > limit ? events[events.length - 1].id : null }
}

/** Only the events the caller's role may read (each event names the permission it needs; issue 13, D16). */
const readableBy = (role: OrgScope['role']): Prisma.AuditEventWhereInput => ({ readPermission: { in: [...ROLE_PERMISSIONS[role]] } })

/** A partnership's events, visible to both of its parties (each only what its role may read). */
export function listPartnershipAuditEvents(scope: PartnershipScope, input: ListAuditEventsInput = {}) {
  return page({ partnershipId: scope.id, ...readableBy(scope.role) }, input)
}

/** An organization's own events (members, invitations), visible to its members. */
export function listOrgAuditEvents(scope: OrgScope, input: ListAuditEventsInput = {}) {
  return page({ organizationId: scope.orgId, partnershipId: null, ...readableBy(scope.role) }, input)
}
