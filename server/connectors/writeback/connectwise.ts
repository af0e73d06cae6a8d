// ConnectWise service tickets: POST service/tickets, refused with { code, message, errors: [{field, message}] };
// the reference goes in externalXRef (unconfirmed: that conditions can filter on it).
import { isObject } from '../record.ts'
import { ConnectorError, type PsaTicketState, type TicketWriter } from '../types.ts'
import { REFERENCE_LINE, type WriterIo, okJson } from './shared.ts'

const HINT = 'check the API member’s rights to Service Tickets'

export function connectWiseState(t: unknown): PsaTicketState {
  if (!isObject(t) || (typeof t.id !== 'number' && typeof t.id !== 'string')) throw new ConnectorError('MALFORMED_PAGE', 'ConnectWise ticket: no id in the answer')
  const status = isObject(t.status) && typeof t.status.name === 'string' ? t.status.name : ''
  return { externalId: String(t.id), ticketNumber: String(t.id), status, closed: t.closedFlag === true }
}

export function connectWiseTicketWriter(io: WriterIo): TicketWriter {
  return {
    async createTicket(ticket) {
      const body = {
        summary: ticket.summary.slice(0, 100),
        initialDescription: `${ticket.description}\n\n${REFERENCE_LINE(ticket.reference)}`,
        board: { id: Number(ticket.board) },
        company: { id: Number(ticket.clientExternalId) },
        externalXRef: ticket.reference,
      }
      const response = await io.request(`${await io.base()}/service/tickets`, { what: 'ConnectWise ticket create', method: 'POST', body, once: true })
      return connectWiseState(await okJson(response, 'ConnectWise ticket create', HINT))
    },
    async findByReference(reference) {
      const conditions = encodeURIComponent(`externalXRef = "${reference.replace(/"/g, '')}"`)
      const response = await io.request(`${await io.base()}/service/tickets?conditions=${conditions}&pageSize=2`, { what: 'ConnectWise ticket lookup' })
      const body = await okJson(response, 'ConnectWise ticket lookup', HINT)
      return Array.isArray(body) && body.length ? connectWiseState(body[0]) : null
    },
    async ticketStates(ids) {
      const out: PsaTicketState[] = []
      const numeric = ids.filter((id) => /^\d+$/.test(id))
      for (let i = 0; i < numeric.length; i += 200) {
        const conditions = encodeURIComponent(`id in (${numeric.slice(i, i + 200).join(',')})`)
        const response = await io.request(`${await io.base()}/service/tickets?conditions=${conditions}&fields=id,status,closedFlag&pageSize=1000`, { what: 'ConnectWise ticket states' })
        const body = await okJson(response, 'ConnectWise ticket states', HINT)
        if (Array.isArray(body)) out.push(...body.map(connectWiseState))
      }
      return out
    },
  }
}
