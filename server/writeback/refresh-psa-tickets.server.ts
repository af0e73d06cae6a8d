import type { Connector } from '../connectors/types.ts'
import { db } from '../db/client.server.ts'

/** On every sync run: the number and status of each ticket Accord sent come back onto its link. */
export async function refreshPsaTickets(partnershipId: string, connector: Pick<Connector, 'tickets' | 'kind'>): Promise<number> {
  const prisma = await db()
  const links = await prisma.psaTicketLink.findMany({ where: { partnershipId, kind: connector.kind, state: 'SENT', externalId: { not: null } }, select: { id: true, externalId: true } })
  if (!links.length) return 0
  const states = new Map((await connector.tickets.ticketStates(links.map((l) => l.externalId!))).map((s) => [s.externalId, s]))
  const now = new Date()
  let refreshed = 0
  for (const link of links) {
    const s = states.get(link.externalId!)
    if (!s) continue
    await prisma.psaTicketLink.update({ where: { id: link.id, partnershipId }, data: { ticketNumber: s.ticketNumber, psaStatus: s.status.slice(0, 120), psaClosed: s.closed, syncedAt: now } })
    refreshed++
  }
  return refreshed
}
