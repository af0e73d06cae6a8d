import { z } from 'zod'
import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'

export const ZListTicketsInput = z.object({
  slug: ZSlug,
  limit: z.number().int().min(1).max(500).default(50),
  cursor: z.string().uuid().optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  open: z.boolean().optional(),
})

export async function listTickets(scope: PartnershipScope, input: unknown) {
  const { limit, cursor, priority, open } = ZListTicketsInput.parse(input)
  const rows = await (await db()).ticket.findMany({
    where: { partnershipId: scope.id, ...(priority ? { priority } : {}), ...(open === undefined ? {} : { resolvedAt: open ? null : { not: null } }) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  })
  const page = rows.slice(0, limit)
  return {
    tickets: page.map((t) => ({
      id: t.id,
      source: t.source,
      externalId: t.externalId,
      title: t.title,
      priority: t.priority,
      status: t.status,
      queue: t.queue,
      assignee: t.assignee,
      createdAt: t.createdAt.toISOString(),
      firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      escalated: t.escalated,
      csat: t.csat,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  }
}
