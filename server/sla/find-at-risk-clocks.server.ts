import { db } from '../db/client.server.ts'
import { atRiskClocks } from './at-risk.ts'
import { calendarFor } from './calendar.ts'
import { evaluateBatch } from './engine.ts'
import type { Priority, SlaPolicy } from './policy.ts'
import { readStoredPauses } from './stored-pauses.ts'

interface OpenTicketRow {
  id: string
  externalId: string
  title: string
  priority: Priority
  createdAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  pauses: unknown
  lifecycle: string
}

/** The partnership's tickets with a clock still running at `asOf`. */
async function openTickets(partnershipId: string, asOf: number): Promise<OpenTicketRow[]> {
  const at = new Date(asOf)
  return (await db()).ticket.findMany({
    where: {
      partnershipId,
      createdAt: { lte: at },
      OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }, { firstResponseAt: null }, { firstResponseAt: { gt: at } }],
    },
    select: { id: true, externalId: true, title: true, priority: true, createdAt: true, firstResponseAt: true, resolvedAt: true, pauses: true, lifecycle: true },
  })
}

/** The at-risk clocks of a partnership as of `asOf`, soonest due first (the SLA page's list and the sweep's input). */
export async function findAtRiskClocks(partnershipId: string, policy: SlaPolicy, asOf: number) {
  const rows = await openTickets(partnershipId, asOf)
  const table = evaluateBatch(
    calendarFor(policy),
    policy,
    rows.map((r) => ({
      priority: r.priority,
      createdAt: r.createdAt.getTime(),
      firstResponseAt: r.firstResponseAt?.getTime() ?? null,
      resolvedAt: r.resolvedAt?.getTime() ?? null,
      pauses: readStoredPauses(r.pauses),
      completionUnknown: r.lifecycle === 'resolved' || r.lifecycle === 'closed',
    })),
    asOf,
  )
  return atRiskClocks(
    table,
    rows.map((r) => r.priority),
    policy,
  ).map((c) => ({ ...c, ticket: rows[c.row] }))
}
