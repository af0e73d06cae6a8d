import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { notFound } from '../errors.ts'
import { neighbourQbr } from './carry-action-items.server.ts'
import { nextStatuses } from './qbr-status.ts'
import { ACTION_ITEM_INCLUDE, toActionItemDto, toAgendaDto, toAttendeeDto, toDecisionDto, toQbrDto } from './qbr.mapper.ts'
import { type QbrDetailDto, ZGetQbrInput } from './qbr.schemas.ts'

export async function getQbr(scope: PartnershipScope, input: unknown): Promise<QbrDetailDto> {
  const { quarter } = ZGetQbrInput.parse(input)
  const qbr = await (await db()).qbr.findFirst({ where: { partnershipId: scope.id, quarter, deletedAt: null } })
  if (!qbr) throw notFound('QBR')
  return detail(scope, qbr)
}

export async function getQbrById(scope: PartnershipScope, id: string): Promise<QbrDetailDto> {
  const qbr = await (await db()).qbr.findFirst({ where: { partnershipId: scope.id, id } })
  if (!qbr) throw notFound('QBR')
  return detail(scope, qbr)
}

/** The QBR with its attendees, agenda in order, decisions, and action items raised in it or carried into it. */
async function detail(scope: PartnershipScope, qbr: Qbr): Promise<QbrDetailDto> {
  const prisma = await db()
  const where = { partnershipId: scope.id, qbrId: qbr.id }
  const [attendees, agendaRows, decisions, actionRows, previous] = await Promise.all([
    prisma.qbrAttendee.findMany({ where, orderBy: [{ party: 'asc' }, { name: 'asc' }] }),
    prisma.qbrAgendaItem.findMany({ where: { ...where, deletedAt: null } }),
    prisma.qbrDecision.findMany({ where: { ...where, deletedAt: null }, orderBy: { createdAt: 'asc' } }),
    prisma.qbrActionItem.findMany({
      where: { partnershipId: scope.id, deletedAt: null, OR: [{ qbrId: qbr.id }, { carried: { some: { qbrId: qbr.id } } }] },
      include: ACTION_ITEM_INCLUDE,
      orderBy: { createdAt: 'asc' },
    }),
    neighbourQbr(prisma, scope, qbr.quarter, 'previous'),
  ])
  const position = new Map(qbr.agendaOrder.map((id, i) => [id, i]))
  const agenda = agendaRows.sort((a, b) => (position.get(a.id) ?? 1e9) - (position.get(b.id) ?? 1e9) || a.createdAt.getTime() - b.createdAt.getTime())
  const actionItems = actionRows
    .map((a) => ({ ...toActionItemDto(a), carriedOver: a.qbrId !== qbr.id }))
    // Carried items first (the review of last quarter), then this quarter's.
    .sort((a, b) => Number(b.carriedOver) - Number(a.carriedOver))
  return {
    ...toQbrDto(qbr),
    previousQuarter: previous?.quarter ?? null,
    nextStatuses: [...nextStatuses(qbr.status)],
    attendees: attendees.map(toAttendeeDto),
    agenda: agenda.map(toAgendaDto),
    decisions: decisions.map(toDecisionDto),
    actionItems,
    linkLabels: await linkLabels(scope, [...agenda, ...actionRows]),
  }
}

async function linkLabels(scope: PartnershipScope, rows: Array<{ linkType: string | null; linkRef: string | null }>): Promise<Record<string, string>> {
  const ids = (type: string) => rows.filter((r) => r.linkType === type && r.linkRef).map((r) => r.linkRef!)
  const prisma = await db()
  const where = (list: string[]) => ({ partnershipId: scope.id, id: { in: list } })
  const [roadmap, csi, responsibilities, actions] = await Promise.all([
    prisma.roadmapItem.findMany({ where: where(ids('ROADMAP_ITEM')), select: { id: true, title: true } }),
    prisma.csiEntry.findMany({ where: where(ids('CSI_ENTRY')), select: { id: true, opportunity: true } }),
    prisma.responsibilityFunction.findMany({ where: where(ids('RESPONSIBILITY')), select: { id: true, name: true } }),
    prisma.qbrActionItem.findMany({ where: where(ids('ACTION_ITEM')), select: { id: true, title: true } }),
  ])
  return Object.fromEntries([
    ...roadmap.map((r) => [r.id, r.title]),
    ...csi.map((r) => [r.id, r.opportunity]),
    ...responsibilities.map((r) => [r.id, r.name]),
    ...actions.map((r) => [r.id, r.title]),
  ])
}
