import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { toPsaLinkDto } from './psa-link.mapper.ts'
import { parseBoard } from './writeback.schemas.ts'

/** The partnership's sent items and, when write-back is on, the boards one may send to. */
export async function listPsaLinks(scope: PartnershipScope) {
  const prisma = await db()
  const [links, connection] = await Promise.all([
    prisma.psaTicketLink.findMany({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' }, take: 500 }),
    prisma.psaConnection.findUnique({ where: { partnershipId: scope.id }, select: { kind: true, settings: true } }),
  ])
  const writeBack = (connection?.settings as { writeBack?: { enabled?: boolean; boards?: string[] } } | null)?.writeBack
  return {
    enabled: Boolean(connection && writeBack?.enabled),
    kind: connection?.kind ?? null,
    boards: (writeBack?.boards ?? []).map(parseBoard),
    links: links.map(toPsaLinkDto),
  }
}
