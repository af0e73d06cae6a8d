import type { PartnershipScope } from '../access/policy.server.ts'
import { type LaterHistory, actionItemsAsOf, agendaItemsAsOf, attendeesAsOf } from './as-of/load-as-of.server.ts'
import type { PackSnapshot } from './snapshot.ts'

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The pack's meeting pages as they stood at the as-of: this quarter's QBR agenda in its order with the minutes
 * taken, its attendees, and the action items under review — those raised at the previous QBR and those carried
 * into this one (the closed loop), with their status then. `qbrs` are the partnership's QBRs as of the same
 * instant. Null when there is no QBR for the quarter nor an earlier one.
 */
export async function loadQbrSection(
  scope: PartnershipScope,
  quarter: string,
  asOf: Date,
  qbrs: ReadonlyArray<{ id: string; quarter: string; agendaOrder: string[] }>,
  history?: LaterHistory,
): Promise<PackSnapshot['qbr']> {
  const current = qbrs.find((q) => q.quarter === quarter) ?? null
  const previous = qbrs.filter((q) => q.quarter < quarter).sort((a, b) => byText(b.quarter, a.quarter))[0] ?? null
  if (!current && !previous) return null

  const [agendaItems, attendees, reviewed] = await Promise.all([
    current ? agendaItemsAsOf(scope, current.id, asOf, history) : [],
    current ? attendeesAsOf(scope, current.id, asOf) : [],
    actionItemsAsOf(scope, previous ? [previous.id] : [], current?.id ?? null, asOf, history),
  ])
  const position = new Map((current?.agendaOrder ?? []).map((id, i) => [id, i]))
  const agenda = agendaItems
    .sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || byText(a.id, b.id))
    .map((a) => ({ title: a.title, minutes: a.timeboxMinutes, presenter: a.presenter, notes: a.minutes }))

  const previousActionItems = reviewed
    .sort((a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity) || byText(a.title, b.title) || byText(a.id, b.id))
    .map((a) => ({ title: a.title, owner: a.owner || null, party: a.party, due: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null, status: a.status }))
  return {
    agenda,
    attendees: attendees
      .sort((a, b) => byText(a.party, b.party) || byText(a.name, b.name) || byText(a.email, b.email))
      .map((a) => ({ name: a.name || a.email, party: a.party })),
    previousActionItems,
  }
}
