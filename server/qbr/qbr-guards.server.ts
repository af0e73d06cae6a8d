import type { PartnershipScope } from '../access/policy.server.ts'
import type { Tx } from '../db/client.server.ts'
import type { Qbr } from '../db/generated/client.ts'
import { AppError, badRequest, notFound } from '../errors.ts'
import { type LinkType, SLA_SECTIONS } from './qbr.schemas.ts'

/**
 * The QBR inside the scope, locked for the rest of the transaction so that agenda changes (which rewrite its
 * agenda order) are serialised. 404 when missing or deleted.
 */
export async function lockQbr(tx: Tx, scope: PartnershipScope, qbrId: string): Promise<Qbr> {
  await tx.$queryRaw`SELECT id FROM "Qbr" WHERE id = ${qbrId} AND "partnershipId" = ${scope.id} FOR UPDATE`
  const qbr = await tx.qbr.findFirst({ where: { id: qbrId, partnershipId: scope.id, deletedAt: null } })
  if (!qbr) throw notFound('QBR')
  return qbr
}

export async function findQbr(tx: Tx, scope: PartnershipScope, qbrId: string): Promise<Qbr> {
  const qbr = await tx.qbr.findFirst({ where: { id: qbrId, partnershipId: scope.id, deletedAt: null } })
  if (!qbr) throw notFound('QBR')
  return qbr
}

/** Once CLOSED, a QBR's agenda, minutes, decisions and attendees are the record: read-only. */
export function assertNotClosed(qbr: Pick<Qbr, 'status' | 'quarter'>, what = 'its agenda and minutes are read-only'): void {
  if (qbr.status === 'CLOSED') {
    throw new AppError('CONFLICT', `status: the ${qbr.quarter} QBR is CLOSED; ${what}`, { fieldErrors: [{ field: 'status', message: 'The QBR is closed' }] })
  }
}

/** A link must name a row of this partnership (or a known SLA report section). */
export async function assertLink(tx: Tx, scope: PartnershipScope, linkType: LinkType | null | undefined, linkRef: string | null | undefined): Promise<void> {
  if (linkType === undefined && linkRef === undefined) return
  if (!linkType && !linkRef) return
  if (!linkType) throw badRequest('linkType', 'Say what the link points at')
  if (!linkRef) throw badRequest('linkRef', 'Pick what to link')
  if (linkType === 'SLA_SECTION') {
    if (!(SLA_SECTIONS as readonly string[]).includes(linkRef)) throw badRequest('linkRef', `One of ${SLA_SECTIONS.join(', ')}`)
    return
  }
  if (!/^[0-9a-f-]{36}$/i.test(linkRef)) throw badRequest('linkRef', 'Not an id')
  const where = { id: linkRef, partnershipId: scope.id, deletedAt: null }
  const found =
    linkType === 'ROADMAP_ITEM'
      ? await tx.roadmapItem.count({ where })
      : linkType === 'CSI_ENTRY'
        ? await tx.csiEntry.count({ where })
        : linkType === 'RESPONSIBILITY'
          ? await tx.responsibilityFunction.count({ where })
          : await tx.qbrActionItem.count({ where })
  if (!found) throw badRequest('linkRef', `No such ${linkType.toLowerCase().replace('_', ' ')} in this partnership`)
}

/** An agenda item named by a decision or action item must belong to the same QBR. */
export async function assertAgendaItem(tx: Tx, scope: PartnershipScope, qbrId: string, agendaItemId: string | null | undefined): Promise<void> {
  if (!agendaItemId) return
  const found = await tx.qbrAgendaItem.count({ where: { id: agendaItemId, qbrId, partnershipId: scope.id, deletedAt: null } })
  if (!found) throw badRequest('agendaItemId', 'Not an agenda item of this QBR')
}
