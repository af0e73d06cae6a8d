import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { PackSnapshot } from './snapshot.ts'

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The pack's meeting pages: this quarter's QBR agenda in its order, and the action items under review — those
 * raised at the previous QBR and those carried into this one (the closed loop), with their current status.
 * Null when the partnership has no QBR for the quarter nor an earlier one.
 */
export async function loadQbrSection(scope: PartnershipScope, quarter: string): Promise<PackSnapshot['qbr']> {
  const prisma = await db()
  const [current, previous] = await Promise.all([
    prisma.qbr.findFirst({
      where: { partnershipId: scope.id, quarter, deletedAt: null },
      select: {
        id: true,
        agendaOrder: true,
        agendaItems: { where: { deletedAt: null }, select: { id: true, title: true, timeboxMinutes: true, presenter: true } },
        carried: { select: { actionItemId: true } },
      },
    }),
    prisma.qbr.findFirst({ where: { partnershipId: scope.id, quarter: { lt: quarter }, deletedAt: null }, orderBy: { quarter: 'desc' }, select: { id: true } }),
  ])
  if (!current && !previous) return null

  const position = new Map((current?.agendaOrder ?? []).map((id, i) => [id, i]))
  const agenda = (current?.agendaItems ?? [])
    .sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || byText(a.id, b.id))
    .map((a) => ({ title: a.title, minutes: a.timeboxMinutes, presenter: a.presenter }))

  const reviewed = await prisma.qbrActionItem.findMany({
    where: {
      partnershipId: scope.id,
      deletedAt: null,
      OR: [...(previous ? [{ qbrId: previous.id }] : []), { id: { in: current?.carried.map((c) => c.actionItemId) ?? [] } }],
    },
    select: { id: true, title: true, owner: true, party: true, dueDate: true, status: true },
  })
  const previousActionItems = reviewed
    .sort((a, b) => (a.dueDate?.getTime() ?? Infinity) - (b.dueDate?.getTime() ?? Infinity) || byText(a.title, b.title) || byText(a.id, b.id))
    .map((a) => ({ title: a.title, owner: a.owner || null, party: a.party, due: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null, status: a.status }))
  return { agenda, previousActionItems }
}
