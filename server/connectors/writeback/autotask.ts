// Autotask tickets: POST Tickets answers { itemId } (then GET Tickets/{id}); a refusal is HTTP 500 (sometimes 400)
// with { errors: ["..."] }. The reference is the last line of the description, found again with a `contains`
// query (unconfirmed: Autotask's search on description).
import { isObject } from '../record.ts'
import { ConnectorError, type PsaTicketState, type TicketWriter } from '../types.ts'
import { REFERENCE_LINE, type WriterIo, okJson } from './shared.ts'

const HINT = 'check the API user’s security level (tickets: add and view)'
const NEW = 1
const COMPLETE = '5'
/** Autotask's stock "Medium" priority; instances can rename it (unconfirmed that every instance keeps value 2). */
const MEDIUM = 2

export function autotaskState(t: unknown, statusLabel: (value: string) => string): PsaTicketState {
  if (!isObject(t) || typeof t.id !== 'number') throw new ConnectorError('MALFORMED_PAGE', 'Autotask ticket: no id in the answer')
  const status = t.status == null ? '' : String(t.status)
  return { externalId: String(t.id), ticketNumber: typeof t.ticketNumber === 'string' ? t.ticketNumber : String(t.id), status: statusLabel(status), closed: status === COMPLETE }
}

export function autotaskTicketWriter(io: WriterIo, statusLabel: () => Promise<(value: string) => string>): TicketWriter {
  async function byId(id: number): Promise<PsaTicketState> {
    const response = await io.request(`${await io.base()}Tickets/${id}`, { what: 'Autotask ticket' })
    const body = await okJson(response, 'Autotask ticket', HINT)
    return autotaskState(isObject(body) ? body.item : null, await statusLabel())
  }
  async function query(filter: unknown[], what: string): Promise<PsaTicketState[]> {
    const label = await statusLabel()
    const out: PsaTicketState[] = []
    for (let url: string | null = `${await io.base()}Tickets/query`; url; ) {
      const page = await okJson(await io.request(url, { what, method: 'POST', body: { filter, MaxRecords: 500 } }), what, HINT)
      if (!isObject(page) || !Array.isArray(page.items)) throw new ConnectorError('MALFORMED_PAGE', `${what}: expected { items, pageDetails }`)
      out.push(...page.items.map((t) => autotaskState(t, label)))
      const next = isObject(page.pageDetails) ? page.pageDetails.nextPageUrl : null
      url = typeof next === 'string' && next ? next : null
    }
    return out
  }
  return {
    async createTicket(ticket) {
      const body = {
        companyID: Number(ticket.clientExternalId),
        queueID: Number(ticket.board),
        title: ticket.summary.slice(0, 255),
        description: `${ticket.description.slice(0, 7000)}\n\n${REFERENCE_LINE(ticket.reference)}`,
        status: NEW,
        priority: MEDIUM,
      }
      const response = await io.request(`${await io.base()}Tickets`, { what: 'Autotask ticket create', method: 'POST', body, once: true })
      const created = await okJson(response, 'Autotask ticket create', HINT)
      const itemId = isObject(created) ? created.itemId : null
      if (typeof itemId !== 'number') throw new ConnectorError('MALFORMED_PAGE', 'Autotask ticket create: no itemId in the answer')
      return byId(itemId)
    },
    async findByReference(reference, clientExternalId) {
      const found = await query(
        [
          { op: 'eq', field: 'companyID', value: Number(clientExternalId) },
          { op: 'contains', field: 'description', value: REFERENCE_LINE(reference) },
        ],
        'Autotask ticket lookup',
      )
      return found[0] ?? null
    },
    async ticketStates(ids) {
      const numeric = ids.filter((id) => /^\d+$/.test(id)).map(Number)
      const out: PsaTicketState[] = []
      for (let i = 0; i < numeric.length; i += 500) out.push(...(await query([{ op: 'in', field: 'id', value: numeric.slice(i, i + 500) }], 'Autotask ticket states')))
      return out
    },
  }
}
