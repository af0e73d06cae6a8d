import type { PsaTicketLink } from '../db/generated/client.ts'
import type { PsaLinkDto } from './writeback.schemas.ts'

export function toPsaLinkDto(r: PsaTicketLink): PsaLinkDto {
  return {
    id: r.id,
    itemKind: r.itemKind as PsaLinkDto['itemKind'],
    itemId: r.itemId,
    kind: r.kind,
    state: r.state as PsaLinkDto['state'],
    board: r.boardOrQueue,
    ticketNumber: r.ticketNumber,
    psaStatus: r.psaStatus,
    psaClosed: r.psaClosed,
    error: r.error,
    sentBy: r.sentBy,
    createdAt: r.createdAt.toISOString(),
    syncedAt: r.syncedAt?.toISOString() ?? null,
  }
}
