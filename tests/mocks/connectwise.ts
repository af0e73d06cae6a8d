// ConnectWise Manage as msw handlers: company lookup, Basic auth (company+public:private) plus the clientId
// header, `conditions` (lastUpdated >= [..], id > N, company/id in (..)), Link-header paging, counts, surveys,
// board statuses (closedStatus, escalationStatus), audit trails with status changes among other entries, and a
// page-size cap below what was asked (`state.maxPageSize`), as some servers do.
import { HttpResponse, delay, http } from 'msw'

export const CW_SITE = 'https://api-na.myconnectwise.net'
export const CW_CODEBASE = 'v2025_1/'
export const CW_CREDENTIALS = { companyId: 'northwind', publicKey: 'pubKEY123', privateKey: 'privKEY456', clientId: '3f2a8c1e-7d4b-4e8a-9c31-5b6d2e0f4a17' }
export const CW_API = `${CW_SITE}/${CW_CODEBASE}apis/3.0`

export type CwTicket = Record<string, unknown> & { id: number }

const PRIORITIES = [
  { id: 1, name: 'Priority 1 - Emergency Response', sort: 1 },
  { id: 4, name: 'Priority 2 - Quick Response', sort: 3 },
  { id: 8, name: 'Priority 3 - Normal Response', sort: 6 },
  { id: 9, name: 'Priority 4 - Schedule Maintenance', sort: 8 },
]

/** A ticket in ConnectWise's shape; `i` spreads dates and values deterministically. */
export function cwTicket(i: number, overrides: Partial<CwTicket> = {}, companyId = 250, start = Date.parse('2026-06-01T08:00:00Z')): CwTicket {
  const created = start + i * 3_600_000
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  const closed = i % 3 !== 0
  return {
    id: 100_000 + i,
    summary: `Ticket ${i}: Outlook prompts for password`,
    board: { id: 1, name: i % 10 === 0 ? 'Escalations' : 'Service Desk' },
    status: closed ? { id: 23, name: '>Closed' } : { id: 16, name: 'In Progress' },
    company: { id: companyId, identifier: 'AcmeDental', name: 'Acme Dental Group' },
    owner: { id: 144, identifier: 'jsmith', name: 'Jane Smith' },
    priority: PRIORITIES[i % 4],
    isInSla: i % 7 !== 0,
    closedFlag: closed,
    ...(closed ? { closedDate: iso(created + 26 * 3_600_000 + 13_000), dateResolved: iso(created + 26 * 3_600_000) } : {}),
    dateResponded: iso(created + 12 * 60_000),
    _info: { lastUpdated: iso(created + 26 * 3_600_000 + 14_000), dateEntered: iso(created) },
    ...overrides,
  }
}

/** Board 1's statuses: ConnectWise's closed vocabulary is per board (">Closed", "Closed (resolved)"). */
export const CW_BOARD_STATUSES = [
  { id: 1, name: 'New', closedStatus: false, escalationStatus: 'NotResponded' },
  { id: 16, name: 'In Progress', closedStatus: false, escalationStatus: 'Responded' },
  { id: 19, name: 'Waiting Customer', closedStatus: false, escalationStatus: 'NoEscalation' },
  { id: 20, name: 'Scheduled', closedStatus: false, escalationStatus: 'ResolutionPlan' },
  { id: 21, name: 'Completed', closedStatus: false, escalationStatus: 'Resolved' },
  { id: 23, name: '>Closed', closedStatus: true, escalationStatus: 'Resolved' },
  { id: 24, name: 'Closed (resolved)', closedStatus: true, escalationStatus: 'Resolved' },
].map((s) => ({ ...s, board: { id: 1, name: 'Service Desk' }, sortOrder: s.id, inactive: false, defaultFlag: s.id === 1, timeEntryNotAllowed: false }))

/** Audit-trail entries for status changes, with an owner change between them as noise. */
export function cwStatusAudit(changes: Array<{ at: string; from: string; to: string }>) {
  return changes.flatMap((c, i) => [
    { text: `Status changed from "${c.from}" to "${c.to}"`, enteredDate: c.at, enteredBy: 'jsmith', auditType: 'Ticket', auditSubType: 'Status', auditSource: 'Manage' },
    ...(i === 0 ? [{ text: 'Owner changed from "" to "Jane Smith"', enteredDate: c.at, enteredBy: 'jsmith', auditType: 'Resource', auditSubType: 'Owner', auditSource: 'Manage' }] : []),
  ])
}

function authorised(request: Request) {
  const c = CW_CREDENTIALS
  const expected = `Basic ${Buffer.from(`${c.companyId}+${c.publicKey}:${c.privateKey}`).toString('base64')}`
  const auth = request.headers.get('authorization')
  if (!auth) return HttpResponse.json({ code: 'Unauthorized', message: 'Authorization header is missing' }, { status: 401 })
  if (auth !== expected) return HttpResponse.json({ code: 'Unauthorized', message: 'Invalid credentials' }, { status: 401 })
  if (request.headers.get('clientid') !== c.clientId) return HttpResponse.json({ code: 'Forbidden', message: 'A valid clientId header is required' }, { status: 403 })
  return null
}

/** Filters by the subset of the conditions grammar the connector sends. */
function matches(ticket: CwTicket, conditions: string): boolean {
  for (const part of conditions.split(/\s+and\s+/i).filter(Boolean)) {
    let m: RegExpExecArray | null
    if ((m = /^lastUpdated\s*>=\s*\[([^\]]+)\]$/.exec(part))) {
      const updated = (ticket._info as { lastUpdated: string }).lastUpdated
      if (Date.parse(updated) < Date.parse(m[1])) return false
    } else if ((m = /^id\s*>\s*(\d+)$/.exec(part))) {
      if (ticket.id <= Number(m[1])) return false
    } else if ((m = /^externalXRef\s*=\s*"([^"]*)"$/.exec(part))) {
      if (ticket.externalXRef !== m[1]) return false
    } else if ((m = /^id\s+in\s+\(([\d,\s]+)\)$/.exec(part))) {
      if (!m[1].split(',').map((s) => Number(s.trim())).includes(ticket.id)) return false
    } else if ((m = /^company\/id\s+in\s+\(([\d,\s]+)\)$/.exec(part))) {
      const ids = m[1].split(',').map((s) => Number(s.trim()))
      if (!ids.includes((ticket.company as { id: number }).id)) return false
    } else {
      throw new Error(`mock ConnectWise: unsupported condition ${part}`)
    }
  }
  return true
}

export interface ConnectWiseMock {
  tickets: CwTicket[]
  surveyResults: Array<{ id: number; ticketId: number; totalPoints: number }>
  requests: Array<{ path: string; page: number | null; conditions: string | null }>
  /** Milliseconds each ticket page takes (the demo, so progress is visible). */
  latencyMs: number
  /** Audit trail per ticket id (none: an empty trail). */
  audits: Map<number, unknown[]>
  auditRequests: number
  boardStatuses: Map<number, unknown[]>
  /** The server serves at most this many records per page, whatever was asked. */
  maxPageSize: number
  /** Company configurations (GET company/configurations). */
  configurations: Array<Record<string, unknown> & { id: number }>
  /** Tickets created through POST service/tickets, in order. */
  created: CwTicket[]
  /** The next create is stored, then the connection drops before the answer (a send that timed out). */
  dropNextCreateAnswer: boolean
}

/** A company configuration in ConnectWise's shape (a laptop by default). */
export function cwConfiguration(i: number, overrides: Record<string, unknown> = {}, companyId = 250) {
  return {
    id: 5000 + i,
    name: `ACME-LT-${String(i).padStart(3, '0')}`,
    type: { id: 3, name: 'Laptop' },
    status: { id: 1, name: 'Active' },
    company: { id: companyId, identifier: 'AcmeDental', name: 'Acme Dental Group' },
    contact: { id: 77, name: `User ${i}` },
    site: { id: 9, name: 'Main' },
    serialNumber: `SN${100000 + i}`,
    modelNumber: 'Latitude 5440',
    purchaseDate: '2023-03-01T00:00:00Z',
    warrantyExpirationDate: '2027-02-28T00:00:00Z',
    activeFlag: true,
    _info: { lastUpdated: '2026-11-01T10:00:00Z' },
    ...overrides,
  }
}

export function connectWiseMock(tickets: CwTicket[] = [], api = CW_API) {
  const state: ConnectWiseMock = { tickets, surveyResults: [], requests: [], latencyMs: 0, audits: new Map(), auditRequests: 0, boardStatuses: new Map([[1, CW_BOARD_STATUSES]]), maxPageSize: 1000, configurations: [], created: [], dropNextCreateAnswer: false }
  /** One page of a list, with `Link: rel="next"` while more remain. */
  const paged = (url: URL, all: unknown[]) => {
    const page = Number(url.searchParams.get('page') ?? 1)
    const pageSize = Math.min(state.maxPageSize, Number(url.searchParams.get('pageSize') ?? 25))
    const headers = new Headers()
    if (page * pageSize < all.length) {
      const next = new URL(url)
      next.searchParams.set('page', String(page + 1))
      headers.set('Link', `<${url.toString()}>; rel="first", <${next.toString()}>; rel="next"`)
    }
    return HttpResponse.json(all.slice((page - 1) * pageSize, page * pageSize), { headers })
  }
  const site = new URL(api).origin
  const list = (url: URL) => {
    const conditions = url.searchParams.get('conditions') ?? ''
    return state.tickets.filter((t) => matches(t, conditions)).sort((a, b) => a.id - b.id)
  }
  const handlers = [
    http.get(`${site}/login/companyinfo/:companyId`, ({ params }) =>
      params.companyId === CW_CREDENTIALS.companyId
        ? HttpResponse.json({ CompanyName: 'Northwind', Codebase: CW_CODEBASE, VersionCode: 'v2025.1', VersionNumber: 'v2025.1.0', CompanyID: CW_CREDENTIALS.companyId, IsCloud: true })
        : HttpResponse.json({}, { status: 200 }),
    ),
    http.get(`${api}/system/info`, ({ request }) => authorised(request) ?? HttpResponse.json({ version: 'v2025.1.12345', isCloud: true, serverTimeZone: 'Eastern Standard Time' })),
    http.get(`${api}/service/tickets/count`, ({ request }) => authorised(request) ?? HttpResponse.json({ count: list(new URL(request.url)).length })),
    http.get(`${api}/service/tickets`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      if (state.latencyMs) await delay(state.latencyMs)
      const url = new URL(request.url)
      state.requests.push({ path: url.pathname, page: Number(url.searchParams.get('page') ?? 1), conditions: url.searchParams.get('conditions') })
      return paged(url, list(url))
    }),
    http.get(`${api}/company/configurations`, ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const url = new URL(request.url)
      const m = /company\/id in \(([\d,]+)\)/.exec(url.searchParams.get('conditions') ?? '')
      const ids = m ? m[1].split(',').map(Number) : null
      return paged(url, state.configurations.filter((c) => !ids || ids.includes((c.company as { id: number }).id)).sort((a, b) => a.id - b.id))
    }),
    // Create: ConnectWise's validation answer is 400 { code: "InvalidObject", message, errors: [{ code, message, resource, field }] }.
    http.post(`${api}/service/tickets`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const body = (await request.json()) as { summary?: string; board?: { id?: number }; company?: { id?: number }; externalXRef?: string; initialDescription?: string }
      const errors: Array<{ code: string; message: string; resource: string; field: string }> = []
      if (!body.summary?.trim()) errors.push({ code: 'NullOrEmpty', message: 'summary may not be empty.', resource: 'ticket', field: 'summary' })
      else if (body.summary.length > 100) errors.push({ code: 'InvalidField', message: 'summary must be 100 characters or less.', resource: 'ticket', field: 'summary' })
      if (!state.boardStatuses.has(Number(body.board?.id))) errors.push({ code: 'InvalidField', message: 'The board was not found or is inactive.', resource: 'ticket', field: 'board' })
      if (!body.company?.id) errors.push({ code: 'NullOrEmpty', message: 'company may not be empty.', resource: 'ticket', field: 'company' })
      if (errors.length) return HttpResponse.json({ code: 'InvalidObject', message: 'ticket object is invalid', errors }, { status: 400 })
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
      const ticket = cwTicket(0, {
        id: 900_000 + state.created.length,
        summary: body.summary,
        board: { id: body.board!.id, name: 'Service Desk' },
        status: { id: 1, name: 'New' },
        company: { id: body.company!.id, identifier: 'AcmeDental', name: 'Acme Dental Group' },
        closedFlag: false,
        closedDate: undefined,
        dateResolved: undefined,
        externalXRef: body.externalXRef,
        _info: { lastUpdated: now, dateEntered: now },
      })
      state.created.push(ticket)
      state.tickets.push(ticket)
      if (state.dropNextCreateAnswer) {
        state.dropNextCreateAnswer = false
        return HttpResponse.error()
      }
      return HttpResponse.json(ticket, { status: 201 })
    }),
    http.get(`${api}/service/boards/:boardId/statuses`, ({ request, params }) => authorised(request) ?? paged(new URL(request.url), state.boardStatuses.get(Number(params.boardId)) ?? [])),
    http.get(`${api}/system/audittrail`, ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const url = new URL(request.url)
      if (url.searchParams.get('type') !== 'Ticket') return HttpResponse.json({ code: 'InvalidObject', message: 'type is required' }, { status: 400 })
      state.auditRequests++
      return paged(url, state.audits.get(Number(url.searchParams.get('id'))) ?? [])
    }),
    http.get(`${api}/service/surveys/:surveyId/results`, ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const m = /ticketId in \(([\d,]+)\)/.exec(new URL(request.url).searchParams.get('conditions') ?? '')
      const ids = new Set((m?.[1] ?? '').split(',').map(Number))
      return HttpResponse.json(state.surveyResults.filter((r) => ids.has(r.ticketId)))
    }),
  ]
  return { state, handlers }
}
