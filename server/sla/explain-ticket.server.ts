import { z } from 'zod'
import { ZInstant } from '../validation/bounds.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import type { StoredPause } from '../tickets/normalize-ticket.ts'
import { engineFor } from './engine.ts'
import { requireSlaPolicy } from './sla-policies.server.ts'

export const ZExplainTicketInput = z.object({
  slug: ZSlug,
  externalId: z.string().trim().min(1).max(120),
  source: z.string().trim().max(40).optional(),
  asOf: ZInstant.optional(),
})

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/**
 * One ticket's SLA clock laid out: the windows that counted, the pauses subtracted, the due instants, our verdicts
 * and the vendor's where it sent one.
 */
export async function explainTicket(scope: PartnershipScope, input: unknown, now = new Date()) {
  const { externalId, source, asOf: asOfInput } = ZExplainTicketInput.parse(input)
  const ticket = await (await db()).ticket.findFirst({ where: { partnershipId: scope.id, externalId, ...(source ? { source } : {}) }, orderBy: { updatedAt: 'desc' } })
  if (!ticket) throw notFound('Ticket')
  const current = await requireSlaPolicy(scope)
  const engine = engineFor(current.policy)
  const asOf = asOfInput ? Date.parse(asOfInput) : now.getTime()
  const stored = ticket.pauses as StoredPause[]
  const pauses = stored.map(([s, e]) => [Date.parse(s), e === null ? null : Date.parse(e)] as const)
  const slaTicket = {
    priority: ticket.priority,
    createdAt: ticket.createdAt.getTime(),
    firstResponseAt: ticket.firstResponseAt?.getTime() ?? null,
    resolvedAt: ticket.resolvedAt?.getTime() ?? null,
    pauses,
    completionUnknown: ticket.lifecycle === 'resolved' || ticket.lifecycle === 'closed',
  }
  const verdict = engine.evaluate(slaTicket, asOf)
  const target = current.policy.targets[ticket.priority]
  const end = Math.min(slaTicket.resolvedAt ?? asOf, asOf)
  const windows =
    target.clock === '24x7'
      ? [[slaTicket.createdAt, end] as [number, number]]
      : engine.calendar.windowsBetween(slaTicket.createdAt, end, 200)
  const minutes = (a: number, b: number) => engine.clockBetween(target.clock, a, b) / 60_000
  return {
    ticket: {
      externalId: ticket.externalId,
      source: ticket.source,
      title: ticket.title,
      priority: ticket.priority,
      sourcePriority: ticket.sourcePriority,
      status: ticket.status,
      lifecycle: ticket.lifecycle,
      queue: ticket.queue,
      assignee: ticket.assignee,
      escalated: ticket.escalated,
      csat: ticket.csat,
      createdAt: ticket.createdAt.toISOString(),
      firstResponseAt: iso(slaTicket.firstResponseAt),
      resolvedAt: iso(slaTicket.resolvedAt),
    },
    policy: { version: current.version, name: current.policy.name, timezone: current.policy.timezone, clock: target.clock, target },
    asOf: new Date(asOf).toISOString(),
    windows: windows.map(([a, b]) => ({ start: iso(a)!, end: iso(b)!, minutes: Math.round(((b - a) / 60_000) * 100) / 100 })),
    // The reason is the status that stopped the clock; pauses stored before reasons existed have none.
    pauses: pauses.map(([a, b], i) => ({ start: iso(a)!, end: iso(b), ...(stored[i][2] ? { reason: stored[i][2] } : {}), clockMinutes: Math.round(minutes(a, Math.min(b ?? end, end)) * 100) / 100 })),
    response: { ...verdict.response, dueAt: iso(verdict.response.dueAt), decidedAt: iso(verdict.response.decidedAt), vendorMet: ticket.vendorResponseMet },
    resolution: { ...verdict.resolution, dueAt: iso(verdict.resolution.dueAt), decidedAt: iso(verdict.resolution.decidedAt), vendorMet: ticket.vendorResolutionMet },
  }
}
