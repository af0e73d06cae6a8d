// Autotask REST as msw handlers: zone discovery, ApiIntegrationCode/UserName/Secret headers (any case), POST
// queries with opaque next-page URLs that must be POSTed again (GET answers 405), picklists, resources, surveys,
// a count of requests in flight (Autotask allows three), TicketHistory with its one-filter rule, and a page-size
// cap below MaxRecords (`state.maxPageSize`).
import { HttpResponse, delay, http } from 'msw'

export const AT_DISCOVERY = 'https://webservices.autotask.net/ATServicesRest/'
export const AT_ZONE = 'https://webservices15.autotask.net/ATServicesRest/'
export const AT_CREDENTIALS = { username: 'api-accord@northwind.example', secret: 'S3cr3t!', integrationCode: 'ACCORD-INTEGRATION-CODE' }

export type AtTicket = Record<string, unknown> & { id: number }

export const AT_PICKLISTS = {
  priority: [
    { value: '4', label: 'Critical' },
    { value: '1', label: 'High' },
    { value: '2', label: 'Medium' },
    { value: '3', label: 'Low' },
  ],
  status: [
    { value: '1', label: 'New' },
    { value: '8', label: 'In Progress' },
    { value: '7', label: 'Waiting Customer' },
    { value: '5', label: 'Complete' },
  ],
  queueID: [
    { value: '29683354', label: 'Service Desk' },
    { value: '29683355', label: 'Escalations' },
  ],
}

export function atTicket(i: number, overrides: Partial<AtTicket> = {}, companyID = 629): AtTicket {
  const created = Date.parse('2026-06-01T08:00:00Z') + i * 3_600_000
  // Fractions of varying length, as Autotask sends them.
  const iso = (ms: number, digits = 3) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, digits ? `.${String(ms % 1000).padStart(3, '0').slice(0, digits)}Z` : 'Z')
  const closed = i % 3 !== 0
  return {
    id: 29_000 + i,
    ticketNumber: `T20260601.${String(i).padStart(4, '0')}`,
    title: `Outlook prompts for password (${i})`,
    companyID,
    status: closed ? 5 : 8,
    priority: [4, 1, 2, 3][i % 4],
    queueID: i % 10 === 0 ? 29683355 : 29683354,
    assignedResourceID: 29682899,
    createDate: iso(created + 113),
    firstResponseDateTime: iso(created + 12 * 60_000 + 73, 2),
    firstResponseDueDateTime: iso(created + 60 * 60_000, 0),
    resolvedDateTime: closed ? iso(created + 26 * 3_600_000) : null,
    resolvedDueDateTime: iso(created + 48 * 3_600_000),
    lastActivityDate: iso(created + 26 * 3_600_000 + 407),
    serviceLevelAgreementHasBeenMet: closed ? i % 7 !== 0 : null,
    ...overrides,
  }
}

type Filter = { op: string; field: string; value: unknown }

function header(request: Request, name: string) {
  return request.headers.get(name) // Headers are case-insensitive, as Autotask's are.
}

function authorised(request: Request) {
  const c = AT_CREDENTIALS
  if (header(request, 'ApiIntegrationCode') !== c.integrationCode || header(request, 'UserName') !== c.username || header(request, 'Secret') !== c.secret) {
    return HttpResponse.json({ errors: ['Unauthorized'] }, { status: 401 })
  }
  return null
}

function apply(items: AtTicket[], filters: Filter[]): AtTicket[] {
  return items.filter((t) =>
    filters.every((f) => {
      const v = t[f.field]
      switch (f.op) {
        case 'gte':
          return f.field.endsWith('Date') ? Date.parse(String(v)) >= Date.parse(String(f.value)) : Number(v) >= Number(f.value)
        case 'gt':
          return Number(v) > Number(f.value)
        case 'in':
          return (f.value as unknown[]).map(Number).includes(Number(v))
        case 'eq':
          return String(v) === String(f.value)
        case 'contains':
          return String(v ?? '').toLowerCase().includes(String(f.value).toLowerCase())
        default:
          throw new Error(`mock Autotask: unsupported op ${f.op}`)
      }
    }),
  )
}

export interface AutotaskMock {
  tickets: AtTicket[]
  surveyResults: Array<{ id: number; ticketID: number; surveyRating: number; completeDate: string }>
  requests: Array<{ method: string; path: string; body: unknown }>
  inFlight: number
  maxInFlight: number
  /** Milliseconds each ticket query takes, to observe concurrency. */
  latencyMs: number
  /** TicketHistory rows per ticket id. */
  histories: Map<number, unknown[]>
  historyRequests: number
  /** The server serves at most this many records per page, whatever MaxRecords asked. */
  maxPageSize: number
  /** ConfigurationItems (POST ConfigurationItems/query), paged like tickets. */
  configurationItems: AtTicket[]
  created: AtTicket[]
  dropNextCreateAnswer: boolean
}

/** configurationItemType picklist (values are instance-specific; these mirror a stock instance). */
export const AT_CI_TYPES = [
  { value: '1', label: 'Workstation' },
  { value: '2', label: 'Laptop' },
  { value: '3', label: 'Server' },
]

/** A ConfigurationItem in Autotask's shape. */
export function atConfigurationItem(i: number, overrides: Record<string, unknown> = {}, companyID = 629): AtTicket {
  return {
    id: 7000 + i,
    companyID,
    configurationItemType: 2,
    referenceTitle: `NW-LT-${String(i).padStart(3, '0')}`,
    referenceNumber: 'ThinkPad T14',
    serialNumber: `PF${200000 + i}`,
    installDate: '2022-06-15T00:00:00Z',
    warrantyExpirationDate: '2026-06-14T00:00:00Z',
    isActive: true,
    productID: 29683001,
    ...overrides,
  }
}

/** TicketHistory rows for status changes ("Old -> New" in labels), with a non-status row as noise. */
export function atStatusHistory(ticketID: number, changes: Array<{ at: string; from: string; to: string }>) {
  return changes.flatMap((c, i) => [
    { id: ticketID * 100 + i * 2, ticketID, action: 'Status Changed', detail: `${c.from} -> ${c.to}`, date: c.at, resourceID: 29682899 },
    ...(i === 0 ? [{ id: ticketID * 100 + 1, ticketID, action: 'Note Added', detail: 'Called the customer', date: c.at, resourceID: 29682899 }] : []),
  ])
}

export function autotaskMock(tickets: AtTicket[] = [], zone = AT_ZONE, discovery = AT_DISCOVERY) {
  const state: AutotaskMock = { tickets, surveyResults: [], requests: [], inFlight: 0, maxInFlight: 0, latencyMs: 0, histories: new Map(), historyRequests: 0, maxPageSize: 500, configurationItems: [], created: [], dropNextCreateAnswer: false }
  const v1 = `${zone}V1.0`
  const query = async (request: Request, offset: number, entity: 'Tickets' | 'ConfigurationItems' = 'Tickets') => {
    const denied = authorised(request)
    if (denied) return denied
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    try {
      if (state.latencyMs) await delay(state.latencyMs)
      const body = (await request.json()) as { filter: Filter[]; MaxRecords?: number }
      const url = new URL(request.url)
      // The ticket queries' log (configuration items are read on every run too; tests count ticket pages).
      if (entity === 'Tickets') state.requests.push({ method: request.method, path: url.pathname + url.search, body })
      const max = Math.min(state.maxPageSize, body.MaxRecords ?? 500)
      const all = apply(entity === 'Tickets' ? state.tickets : state.configurationItems, body.filter).sort((a, b) => a.id - b.id)
      const items = all.slice(offset, offset + max)
      const more = offset + max < all.length
      const token = Buffer.from(JSON.stringify({ o: offset + max })).toString('base64url')
      return HttpResponse.json({
        items,
        pageDetails: { count: items.length, requestCount: max, prevPageUrl: null, nextPageUrl: more ? `${v1}/${entity}/query/next?paging=${token}` : null },
      })
    } finally {
      state.inFlight--
    }
  }
  const handlers = [
    http.get(`${discovery}V1.0/zoneInformation`, ({ request }) => {
      const user = new URL(request.url).searchParams.get('user')
      if (user !== AT_CREDENTIALS.username) return HttpResponse.json({ errors: ['Zone information could not be determined'] }, { status: 500 })
      return HttpResponse.json({ zoneName: 'America West 3', url: zone, webUrl: 'https://ww15.autotask.net/', ci: 12345 })
    }),
    http.get(`${v1}/ThresholdInformation`, ({ request }) => authorised(request) ?? HttpResponse.json({ externalRequestThreshold: 10000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 42 })),
    http.get(`${v1}/Tickets/entityInformation/fields`, ({ request }) =>
      authorised(request) ??
      HttpResponse.json({
        fields: [
          { name: 'id', isPickList: false },
          ...Object.entries(AT_PICKLISTS).map(([name, values]) => ({ name, isPickList: true, picklistValues: values.map((v, i) => ({ ...v, isActive: true, isSystem: true, sortOrder: i })) })),
        ],
      }),
    ),
    http.post(`${v1}/Tickets/query/count`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const body = (await request.json()) as { filter: Filter[] }
      return HttpResponse.json({ queryCount: apply(state.tickets, body.filter).length })
    }),
    http.post(`${v1}/Tickets/query`, ({ request }) => query(request, 0)),
    http.post(`${v1}/ConfigurationItems/query`, ({ request }) => query(request, 0, 'ConfigurationItems')),
    http.post(`${v1}/ConfigurationItems/query/next`, ({ request }) => {
      const paging = new URL(request.url).searchParams.get('paging') ?? ''
      return query(request, (JSON.parse(Buffer.from(paging, 'base64url').toString()) as { o: number }).o, 'ConfigurationItems')
    }),
    http.get(`${v1}/ConfigurationItems/entityInformation/fields`, ({ request }) =>
      authorised(request) ?? HttpResponse.json({ fields: [{ name: 'id', isPickList: false }, { name: 'configurationItemType', isPickList: true, picklistValues: AT_CI_TYPES.map((v) => ({ ...v, isActive: true })) }] }),
    ),
    // Create answers { itemId }; Autotask reports a refused entity as HTTP 500 with { errors: [...] }.
    http.post(`${v1}/Tickets`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const body = (await request.json()) as Record<string, unknown>
      const errors: string[] = []
      for (const field of ['companyID', 'title', 'status', 'priority']) if (body[field] === undefined || body[field] === null || body[field] === '') errors.push(`Missing Required Field: ${field}`)
      const queues = AT_PICKLISTS.queueID.map((q) => Number(q.value))
      if (body.queueID !== undefined && !queues.includes(Number(body.queueID))) errors.push(`Value ${String(body.queueID)} does not exist in picklist for field queueID.`)
      if (errors.length) return HttpResponse.json({ errors }, { status: 500 })
      const id = 80_000 + state.created.length
      const now = new Date().toISOString()
      const ticket = atTicket(0, { id, ticketNumber: `T20261206.${String(state.created.length + 1).padStart(4, '0')}`, title: body.title, description: body.description, companyID: body.companyID, queueID: body.queueID, status: 1, createDate: now, lastActivityDate: now, resolvedDateTime: null, completedDate: null })
      state.created.push(ticket)
      state.tickets.push(ticket)
      if (state.dropNextCreateAnswer) {
        state.dropNextCreateAnswer = false
        return HttpResponse.error()
      }
      return HttpResponse.json({ itemId: id })
    }),
    http.get(`${v1}/Tickets/:id`, ({ request, params }) => {
      const denied = authorised(request)
      if (denied) return denied
      const item = state.tickets.find((t) => t.id === Number(params.id))
      return item ? HttpResponse.json({ item }) : HttpResponse.json({ item: null })
    }),
    http.post(`${v1}/Tickets/query/next`, ({ request }) => {
      const paging = new URL(request.url).searchParams.get('paging') ?? ''
      return query(request, (JSON.parse(Buffer.from(paging, 'base64url').toString()) as { o: number }).o)
    }),
    http.get(`${v1}/Tickets/query/next`, () => HttpResponse.json({ errors: ['The requested resource does not support http method GET.'] }, { status: 405 })),
    http.post(`${v1}/TicketHistory/query`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      state.inFlight++
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
      try {
        if (state.latencyMs) await delay(state.latencyMs)
        const body = (await request.json()) as { filter: Filter[] }
        const f = body.filter
        // TicketHistory takes exactly one filter: ticketID eq.
        if (f.length !== 1 || f[0].field.toLowerCase() !== 'ticketid' || f[0].op !== 'eq') {
          return HttpResponse.json({ errors: ['TicketHistory can only be queried by ticketID with eq.'] }, { status: 500 })
        }
        state.historyRequests++
        const items = state.histories.get(Number(f[0].value)) ?? []
        return HttpResponse.json({ items, pageDetails: { count: items.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null } })
      } finally {
        state.inFlight--
      }
    }),
    http.post(`${v1}/Resources/query`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const body = (await request.json()) as { filter: Filter[] }
      const ids = (body.filter.find((f) => f.field === 'id')?.value as number[]) ?? []
      return HttpResponse.json({ items: ids.map((id) => ({ id, firstName: 'Jane', lastName: id === 29682899 ? 'Smith' : `Tech ${id}` })), pageDetails: { count: ids.length, nextPageUrl: null } })
    }),
    http.post(`${v1}/SurveyResults/query`, async ({ request }) => {
      const denied = authorised(request)
      if (denied) return denied
      const body = (await request.json()) as { filter: Filter[] }
      const ids = ((body.filter.find((f) => f.field === 'ticketID')?.value as number[]) ?? []).map(Number)
      const items = state.surveyResults.filter((r) => ids.includes(r.ticketID))
      return HttpResponse.json({ items, pageDetails: { count: items.length, nextPageUrl: null } })
    }),
  ]
  return { state, handlers }
}
