import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { toPsaLinkDto } from './psa-link.mapper.ts'
import type { PsaLinkDto } from './writeback.schemas.ts'
import { parseBoard } from './writeback.schemas.ts'

export interface SendableItem {
  itemKind: 'ACTION_ITEM' | 'ROADMAP_ITEM'
  itemId: string
  title: string
  status: string
  version: number
  link: PsaLinkDto | null
}

/**
 * What may go to the PSA (approved roadmap items, open action items) and what went (with the PSA ticket's number
 * and status), and, when write-back is on, the boards one may send to.
 */
export async function listPsaLinks(scope: PartnershipScope) {
  const prisma = await db()
  const [links, connection, roadmap, actions] = await Promise.all([
    prisma.psaTicketLink.findMany({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' }, take: 500 }),
    prisma.psaConnection.findUnique({ where: { partnershipId: scope.id }, select: { kind: true, settings: true } }),
    prisma.roadmapItem.findMany({ where: { partnershipId: scope.id, deletedAt: null }, select: { id: true, title: true, status: true, version: true }, orderBy: { createdAt: 'asc' }, take: 500 }),
    prisma.qbrActionItem.findMany({ where: { partnershipId: scope.id, deletedAt: null }, select: { id: true, title: true, status: true, version: true }, orderBy: { createdAt: 'asc' }, take: 500 }),
  ])
  const byItem = new Map(links.map((l) => [`${l.itemKind}:${l.itemId}`, toPsaLinkDto(l)]))
  const items: SendableItem[] = []
  for (const [kind, rows, sendable] of [
    ['ROADMAP_ITEM', roadmap, (s: string) => s === 'APPROVED' || s === 'IN_PROGRESS'],
    ['ACTION_ITEM', actions, (s: string) => s === 'OPEN' || s === 'IN_PROGRESS'],
  ] as const) {
    for (const r of rows) {
      const link = byItem.get(`${kind}:${r.id}`) ?? null
      if (link || sendable(r.status)) items.push({ itemKind: kind, itemId: r.id, title: r.title, status: r.status, version: r.version, link })
    }
  }
  const writeBack = (connection?.settings as { writeBack?: { enabled?: boolean; boards?: string[] } } | null)?.writeBack
  return { enabled: Boolean(connection && writeBack?.enabled), kind: connection?.kind ?? null, boards: (writeBack?.boards ?? []).map(parseBoard), items }
}
