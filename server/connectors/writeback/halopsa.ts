// HaloPSA tickets: POST api/Tickets with an ARRAY of tickets, answered with the created ticket (an object, or an
// array of one: both read). A refusal is HTTP 400 with a message (shape unconfirmed). The reference is the last
// line of `details`, found again with `search` (unconfirmed: which fields Halo's search reads).
import { isObject } from '../record.ts'
import { ConnectorError, type PsaTicketState, type TicketWriter } from '../types.ts'
import { REFERENCE_LINE, type WriterIo, okJson } from './shared.ts'

const HINT = 'check the Halo API application’s permissions (tickets: read and edit)'
const CLOSED = 9

export function haloState(t: unknown, statusName: (id: number) => string | null): PsaTicketState {
  const one = Array.isArray(t) ? t[0] : t
  if (!isObject(one) || typeof one.id !== 'number') throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA ticket: no id in the answer')
  const statusId = typeof one.status_id === 'number' ? one.status_id : null
  const status = (statusId === null ? null : statusName(statusId)) ?? (typeof one.status_name === 'string' ? one.status_name : statusId === null ? '' : `Status ${statusId}`)
  return { externalId: String(one.id), ticketNumber: String(one.id), status, closed: statusId === CLOSED || one.hasbeenclosed === true }
}

export function haloTicketWriter(io: WriterIo, statusNames: () => Promise<(id: number) => string | null>): TicketWriter {
  return {
    async createTicket(ticket) {
      const board = /^\d+$/.test(ticket.board) ? { team_id: Number(ticket.board) } : { team: ticket.board }
      const body = [{ summary: ticket.summary.slice(0, 250), details: `${ticket.description}\n\n${REFERENCE_LINE(ticket.reference)}`, client_id: Number(ticket.clientExternalId), ...board }]
      const response = await io.request(`${await io.base()}/api/Tickets`, { what: 'HaloPSA ticket create', method: 'POST', body, once: true })
      return haloState(await okJson(response, 'HaloPSA ticket create', HINT), await statusNames())
    },
    async findByReference(reference, clientExternalId) {
      const q = `search=${encodeURIComponent(REFERENCE_LINE(reference))}&client_id=${encodeURIComponent(clientExternalId)}&pageinate=true&page_size=5&page_no=1`
      const body = await okJson(await io.request(`${await io.base()}/api/Tickets?${q}`, { what: 'HaloPSA ticket lookup' }), 'HaloPSA ticket lookup', HINT)
      const names = await statusNames()
      const rows = isObject(body) && Array.isArray(body.tickets) ? body.tickets : []
      return rows.length ? haloState(rows[0], names) : null
    },
    async ticketStates(ids) {
      const names = await statusNames()
      const out: PsaTicketState[] = []
      // One call per ticket (Halo's list has no id filter we could confirm); write-back tickets are few.
      for (const id of ids.filter((i) => /^\d+$/.test(i))) {
        const response = await io.request(`${await io.base()}/api/Tickets/${id}`, { what: 'HaloPSA ticket' })
        if (response.status === 404) continue
        out.push(haloState(await okJson(response, 'HaloPSA ticket', HINT), names))
      }
      return out
    },
  }
}
