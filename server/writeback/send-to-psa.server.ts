// Sending an action item or an approved roadmap item to the PSA as a ticket, at most once (issue 16 §3).
// The link row, with a fresh idempotency key, is committed BEFORE the PSA is called. A send that dies or times out
// leaves it SENDING; the next attempt first asks the PSA for a ticket carrying that key (reconcile) and creates
// one only if there is none. The key travels on the ticket (ConnectWise externalXRef, the description's last
// line elsewhere), so a retry never makes a second ticket.
import { randomUUID } from 'node:crypto'
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { connectorFor, type ConnectorOptions } from '../connectors/connection-store.server.ts'
import { ConnectorError, type PsaTicketState } from '../connectors/types.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { toPsaLinkDto } from './psa-link.mapper.ts'
import { ZSendToPsaInput, parseBoard } from './writeback.schemas.ts'

/** A SENDING row younger than this is another request's send in flight: answered 409, not raced. */
const IN_FLIGHT_MS = 60_000

async function loadItem(scope: PartnershipScope, itemKind: 'ACTION_ITEM' | 'ROADMAP_ITEM', itemId: string) {
  const prisma = await db()
  if (itemKind === 'ACTION_ITEM') {
    const item = await prisma.qbrActionItem.findFirst({ where: { id: itemId, partnershipId: scope.id, deletedAt: null } })
    if (!item) throw new AppError('NOT_FOUND', 'itemId: no such action item in this partnership')
    const due = item.dueDate ? `\nDue: ${item.dueDate.toISOString().slice(0, 10)}` : ''
    return { summary: item.title, description: `QBR action item, owner ${item.owner}.${due}\n\n${item.notes}`.trim() }
  }
  const item = await prisma.roadmapItem.findFirst({ where: { id: itemId, partnershipId: scope.id, deletedAt: null } })
  if (!item) throw new AppError('NOT_FOUND', 'itemId: no such roadmap item in this partnership')
  if (!['APPROVED', 'IN_PROGRESS'].includes(item.status)) {
    throw new AppError('BAD_REQUEST', 'itemId: only an approved roadmap item can be sent to the PSA', { fieldErrors: [{ field: 'itemId', message: 'Not approved yet' }] })
  }
  const target = item.targetQuarter ? `\nTarget: ${item.targetQuarter}` : ''
  return { summary: item.title, description: `Approved roadmap item.${target}\n\n${item.description}\n\n${item.businessOutcome}`.trim() }
}

export async function sendToPsa(scope: PartnershipScope, actor: Actor, input: unknown, options: { connector?: ConnectorOptions; now?: () => number } = {}) {
  const { itemKind, itemId, board } = ZSendToPsaInput.parse(input)
  const now = options.now ?? Date.now
  const prisma = await db()
  const connection = await prisma.psaConnection.findUnique({ where: { partnershipId: scope.id } })
  const writeBack = (connection?.settings as { writeBack?: { enabled?: boolean; boards?: string[] } } | null)?.writeBack
  if (!connection || !writeBack?.enabled) {
    throw new AppError('BAD_REQUEST', 'partnership: sending to the PSA is off for this connection; an MSP admin turns it on on the connector page', { fieldErrors: [{ field: 'partnership', message: 'Write-back is off' }] })
  }
  const boards = (writeBack.boards ?? []).map(parseBoard)
  const chosen = boards.find((b) => b.id === board)
  if (boards.length && !chosen) throw new AppError('BAD_REQUEST', `board: ${board} is not one of this connection's write-back boards`, { fieldErrors: [{ field: 'board', message: 'Not offered' }] })
  const client = connection.companyIds[0]
  if (!client) throw new AppError('BAD_REQUEST', 'partnership: the connection maps no PSA company to this client; add one on the connector page', { fieldErrors: [{ field: 'companies', message: 'No company' }] })
  const item = await loadItem(scope, itemKind, itemId)

  let link = await prisma.psaTicketLink.findUnique({ where: { partnershipId_itemKind_itemId: { partnershipId: scope.id, itemKind, itemId } } })
  if (link?.state === 'SENT') return { link: toPsaLinkDto(link), created: false }
  if (link?.state === 'SENDING' && now() - link.updatedAt.getTime() < IN_FLIGHT_MS) {
    throw new AppError('CONFLICT', 'itemId: this item is being sent to the PSA; try again in a minute')
  }
  let connector
  try {
    connector = connectorFor(connection, options.connector)
  } catch (error) {
    if (error instanceof ConnectorError) throw new AppError('BAD_REQUEST', `psa: ${error.message}`, { fieldErrors: [{ field: 'psa', message: error.message.slice(0, 300) }] })
    throw error
  }
  let found: PsaTicketState | null = null
  if (link?.state === 'SENDING') {
    // An earlier send may have reached the PSA: find its ticket before creating one.
    found = await connector.tickets.findByReference(link.idempotencyKey, client).catch((error: unknown) => {
      if (error instanceof ConnectorError) throw new AppError('SERVICE_UNAVAILABLE', `psa: could not check whether the earlier send reached the PSA (${error.message}); try again later`)
      throw error
    })
  }
  const boardLabel = chosen ? `${chosen.id}:${chosen.name}` : board
  if (!link) {
    try {
      link = await prisma.psaTicketLink.create({
        data: { partnershipId: scope.id, itemKind, itemId, kind: connection.kind, idempotencyKey: randomUUID(), boardOrQueue: boardLabel, sentBy: actor.label },
      })
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new AppError('CONFLICT', 'itemId: this item is being sent to the PSA; try again in a minute')
      throw error
    }
  } else if (!found) {
    // Claim the row (FAILED, or SENDING gone stale) for this attempt; a concurrent attempt's claim wins only once.
    const claimed = await prisma.psaTicketLink.updateMany({ where: { id: link.id, partnershipId: scope.id, updatedAt: link.updatedAt }, data: { state: 'SENDING', error: null, boardOrQueue: boardLabel } })
    if (claimed.count === 0) throw new AppError('CONFLICT', 'itemId: this item is being sent to the PSA; try again in a minute')
  }
  let ticket = found
  if (!ticket) {
    try {
      ticket = await connector.tickets.createTicket({ reference: link.idempotencyKey, summary: item.summary, description: item.description, board: chosen?.id ?? board, clientExternalId: client })
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error
      if (error.code === 'VALIDATION' || error.code === 'AUTH' || error.code === 'CONFIG') {
        // Refused: no ticket exists, so the next attempt may create one.
        await prisma.psaTicketLink.update({ where: { id: link.id, partnershipId: scope.id }, data: { state: 'FAILED', error: error.message.slice(0, 1000) } })
        throw new AppError('BAD_REQUEST', `psa: ${error.message}`, { fieldErrors: [{ field: 'psa', message: error.message.slice(0, 300) }] })
      }
      // Unknown whether the PSA acted: the row stays SENDING and the next attempt reconciles.
      throw new AppError('SERVICE_UNAVAILABLE', `psa: no answer from the PSA (${error.message}); sending again checks for the ticket first, so it will not be duplicated`)
    }
  }
  const sent = ticket
  const updated = await prisma.$transaction(async (tx) => {
    const row = await tx.psaTicketLink.update({
      where: { id: link.id, partnershipId: scope.id },
      data: { state: 'SENT', externalId: sent.externalId, ticketNumber: sent.ticketNumber, psaStatus: sent.status, psaClosed: sent.closed, error: null, syncedAt: new Date(now()) },
    })
    await recordAudit(tx, {
      actor,
      action: found ? 'psa.ticket.reconcile' : 'psa.ticket.create',
      entityType: itemKind === 'ACTION_ITEM' ? 'QbrActionItem' : 'RoadmapItem',
      entityId: itemId,
      partnershipId: scope.id,
      after: { psa: connection.kind, ticketNumber: sent.ticketNumber, board: boardLabel },
    })
    return row
  })
  return { link: toPsaLinkDto(updated), created: !found }
}
