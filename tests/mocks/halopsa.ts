// HaloPSA as msw handlers: the OAuth2 client-credentials token endpoint (tokens can be expired by the test),
// Bearer-checked /api/Tickets with `pageinate`, page_no, page_size (max 100), lastactiondate windows and
// record_count, /api/Feedback, /api/Status (names, SLA hold, several closing statuses) and /api/Actions per
// ticket. Dates come without a zone, some with 7 fraction digits.
import { HttpResponse, http } from 'msw'

export const HALO_INSTANCE = 'https://northwind.halopsa.com'
export const HALO_CREDENTIALS = { clientId: 'accord-halo-client', clientSecret: 'halo-secret-789', tenant: 'northwind' }

export type HaloTicket = Record<string, unknown> & { id: number }

const PRIORITIES = [
  { priorityid: 1, name: 'P1 - Critical' },
  { priorityid: 2, name: 'P2 - High' },
  { priorityid: 3, name: 'P3 - Normal' },
  { priorityid: 4, name: 'P4 - Low' },
]

export function haloTicket(i: number, overrides: Partial<HaloTicket> = {}, clientId = 212): HaloTicket {
  const created = Date.parse('2026-06-01T08:00:00Z') + i * 3_600_000
  const naive = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '')
  const closed = i % 3 !== 0
  return {
    id: 10_000 + i,
    dateoccurred: naive(created),
    summary: `Outlook prompts for password (${i})`,
    status_id: closed ? 9 : 2,
    priority_id: (i % 4) + 1,
    priority: PRIORITIES[i % 4],
    client_id: clientId,
    client_name: 'Acme Dental Group',
    team: i % 10 === 0 ? '2nd Line Escalations' : '1st Line Support',
    agent_name: 'Jane Smith',
    respondbydate: naive(created + 3_600_000),
    responsedate: naive(created + 12 * 60_000),
    slaresponsestate: i % 5 === 0 ? 'O' : 'I',
    fixbydate: naive(created + 27 * 3_600_000),
    dateclosed: closed ? naive(created + 26 * 3_600_000) : '1900-01-01T00:00:00',
    slastate: closed ? (i % 7 === 0 ? 'O' : 'I') : '',
    excludefromsla: false,
    hasbeenclosed: closed,
    reassigncount: 0,
    deadlinedate: '1900-01-01T00:00:00',
    // .NET's seven fraction digits with a Z, as Halo sends some instants.
    lastactiondate: new Date(created + 26 * 3_600_000 + 12_000).toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}8294Z`),
    ...overrides,
  }
}

/** Halo's statuses: 9 Closed plus other closing ones an instance may add; "hold" puts the SLA on hold. */
export const HALO_STATUSES = [
  { id: 1, name: 'New', slaaction: 'none' },
  { id: 2, name: 'In Progress', slaaction: 'none' },
  { id: 4, name: 'Waiting on User', slaaction: 'hold' },
  { id: 8, name: 'With Supplier', slaaction: 'hold' },
  { id: 9, name: 'Closed', slaaction: 'none' },
  { id: 16, name: 'Cancelled', slaaction: 'none' },
  { id: 21, name: 'Closed - No Response', slaaction: 'none' },
].map((s, i) => ({ ...s, shortname: s.name.slice(0, 3), type: 0, sequence: i, colour: '#888888' }))

/** Halo actions for status changes (ids), with an agent note between them as noise. */
export function haloStatusActions(ticketId: number, changes: Array<{ at: string; from: number; to: number }>) {
  const naive = (iso: string) => iso.replace(/\.\d{3}Z$/, '').replace(/Z$/, '')
  return changes.flatMap((c, i) => [
    { id: ticketId * 100 + i * 2, ticket_id: ticketId, outcome: 'Status Change', who: 'Jane Smith', datetime: naive(c.at), actiondatecreated: naive(c.at), old_status: c.from, new_status: c.to, note: '', hiddenfromuser: false, timetaken: 0 },
    ...(i === 0 ? [{ id: ticketId * 100 + 1, ticket_id: ticketId, outcome: 'Note', who: 'Jane Smith', datetime: naive(c.at), actiondatecreated: naive(c.at), new_status: c.to, note: 'Called', hiddenfromuser: true, timetaken: 0.1 }] : []),
  ])
}

export interface HaloMock {
  tickets: HaloTicket[]
  feedback: Array<{ id: number; date: string; feedback_faultid: number; score: number; comment: string }>
  tokens: Set<string>
  tokensIssued: number
  requests: Array<{ path: string; pageNo: number | null }>
  /** Actions per ticket id. */
  actions: Map<number, unknown[]>
  actionRequests: number
  statuses: unknown[]
  /** Assets (GET api/Asset, paged by page_no / page_size like tickets). */
  assets: Array<Record<string, unknown> & { id: number }>
  created: HaloTicket[]
  /** Team ids a ticket may be created on. */
  teams: number[]
  dropNextCreateAnswer: boolean
}

/** An asset in Halo's shape (field names from Halo's API; warranty_end / purchase_date unconfirmed). */
export function haloAsset(i: number, overrides: Record<string, unknown> = {}, clientId = 212) {
  return {
    id: 300 + i,
    inventory_number: `ACME-PC-${String(i).padStart(3, '0')}`,
    key_field: `ACME-PC-${String(i).padStart(3, '0')}`,
    key_field2: `CZC${300000 + i}`,
    client_id: clientId,
    client_name: 'Acme Dental Group',
    site_id: 14,
    site_name: 'Head Office',
    username: `user${i}`,
    assettype_id: 2,
    assettype_name: 'Desktop',
    inactive: false,
    purchase_date: '2021-09-01T00:00:00',
    warranty_end: '2026-08-31T00:00:00',
    ...overrides,
  }
}

export function haloMock(tickets: HaloTicket[] = [], instance = HALO_INSTANCE) {
  const state: HaloMock = { tickets, feedback: [], tokens: new Set(), tokensIssued: 0, requests: [], actions: new Map(), actionRequests: 0, statuses: HALO_STATUSES, assets: [], created: [], teams: [1, 2], dropNextCreateAnswer: false }
  const bearer = (request: Request) => {
    const auth = request.headers.get('authorization') ?? ''
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : null
    return token && state.tokens.has(token) ? null : new HttpResponse(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } })
  }
  const handlers = [
    http.post(`${instance}/auth/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text())
      const tenant = new URL(request.url).searchParams.get('tenant')
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== HALO_CREDENTIALS.clientId || form.get('client_secret') !== HALO_CREDENTIALS.clientSecret || (tenant !== null && tenant !== HALO_CREDENTIALS.tenant)) {
        return HttpResponse.json({ error: 'invalid_client' }, { status: 400 })
      }
      const token = `halo-token-${++state.tokensIssued}`
      state.tokens.add(token)
      return HttpResponse.json({ token_type: 'Bearer', access_token: token, expires_in: 3600, scope: form.get('scope') })
    }),
    http.get(`${instance}/api/Tickets`, ({ request }) => {
      const denied = bearer(request)
      if (denied) return denied
      const url = new URL(request.url)
      const q = url.searchParams
      const pageSize = Math.min(100, Number(q.get('page_size') ?? 50))
      const pageNo = Number(q.get('page_no') ?? 1)
      state.requests.push({ path: url.pathname + url.search, pageNo })
      let rows = [...state.tickets]
      if (q.get('datesearch') === 'lastactiondate') {
        const from = Date.parse(`${q.get('startdate')}Z`)
        const to = Date.parse(`${q.get('enddate')}Z`)
        rows = rows.filter((t) => {
          const at = Date.parse(String(t.lastactiondate).replace(/\.(\d{3})\d*/, '.$1').replace(/([^Z])$/, '$1Z'))
          return at >= from && at <= to
        })
      }
      if (q.get('client_id')) rows = rows.filter((t) => String(t.client_id) === q.get('client_id'))
      // search (Halo reads summary and details here; which fields it reads is unconfirmed)
      const search = q.get('search')?.toLowerCase()
      if (search) rows = rows.filter((t) => `${String(t.summary ?? '')} ${String(t.details ?? '')}`.toLowerCase().includes(search))
      rows.sort((a, b) => a.id - b.id)
      if (q.get('pageinate') !== 'true') return HttpResponse.json({ record_count: rows.length, tickets: rows })
      return HttpResponse.json({ page_no: pageNo, page_size: pageSize, record_count: rows.length, tickets: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize) })
    }),
    http.get(`${instance}/api/Asset`, ({ request }) => {
      const denied = bearer(request)
      if (denied) return denied
      const q = new URL(request.url).searchParams
      const pageSize = Math.min(100, Number(q.get('page_size') ?? 50))
      const pageNo = Number(q.get('page_no') ?? 1)
      const rows = state.assets.filter((a) => !q.get('client_id') || String(a.client_id) === q.get('client_id')).sort((a, b) => a.id - b.id)
      return HttpResponse.json({ page_no: pageNo, page_size: pageSize, record_count: rows.length, assets: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize) })
    }),
    // Create takes an array of tickets and answers the created ticket; a refusal is 400 with a message.
    http.post(`${instance}/api/Tickets`, async ({ request }) => {
      const denied = bearer(request)
      if (denied) return denied
      const body = (await request.json()) as Array<Record<string, unknown>>
      const t = Array.isArray(body) ? body[0] : null
      if (!t || !String(t.summary ?? '').trim()) return HttpResponse.json('Please enter a Summary', { status: 400 })
      if (t.team_id !== undefined && !state.teams.includes(Number(t.team_id))) return HttpResponse.json(`The team ${String(t.team_id)} does not exist`, { status: 400 })
      const now = new Date().toISOString().replace(/Z$/, '')
      const ticket = haloTicket(0, { id: 50_000 + state.created.length, summary: String(t.summary), details: t.details, client_id: Number(t.client_id), status_id: 1, hasbeenclosed: false, dateclosed: '1900-01-01T00:00:00', dateoccurred: now, lastactiondate: now })
      state.created.push(ticket)
      state.tickets.push(ticket)
      if (state.dropNextCreateAnswer) {
        state.dropNextCreateAnswer = false
        return HttpResponse.error()
      }
      return HttpResponse.json(ticket, { status: 201 })
    }),
    http.get(`${instance}/api/Tickets/:id`, ({ request, params }) => {
      const denied = bearer(request)
      if (denied) return denied
      const ticket = state.tickets.find((t) => t.id === Number(params.id))
      return ticket ? HttpResponse.json(ticket) : HttpResponse.json('Ticket not found', { status: 404 })
    }),
    http.get(`${instance}/api/Feedback`, ({ request }) => bearer(request) ?? HttpResponse.json(state.feedback)),
    http.get(`${instance}/api/Status`, ({ request }) => bearer(request) ?? HttpResponse.json(state.statuses)),
    http.get(`${instance}/api/Actions`, ({ request }) => {
      const denied = bearer(request)
      if (denied) return denied
      const id = Number(new URL(request.url).searchParams.get('ticket_id'))
      if (!id) return HttpResponse.json({ error: 'ticket_id required' }, { status: 400 })
      state.actionRequests++
      const actions = state.actions.get(id) ?? []
      return HttpResponse.json({ record_count: actions.length, actions })
    }),
  ]
  return {
    state,
    handlers,
    /** Every token issued so far stops working, as when they expire. */
    expireTokens: () => state.tokens.clear(),
  }
}
