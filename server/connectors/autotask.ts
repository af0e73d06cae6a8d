// Autotask (Datto) REST: zone discovery by user name, ApiIntegrationCode/UserName/Secret headers, POST queries
// whose next page is POSTed again with the same body, and picklists (priority, status, queue) read by label.
import { type Http, type HttpOptions, createHttp, expectOk, readJson } from './http.ts'
import { RecordError, type Raw, bool, csatFromScale, id, isObject, mapRecords, num, text } from './record.ts'
import type { StatusChange } from '../tickets/status-history.ts'
import { type AutotaskCredentials, type Connector, ConnectorError, type ResumeState, type StatusHistory, type SurveyResult, type VendorTicket } from './types.ts'
import { mapAutotaskConfigurationItem } from './vendor-assets.ts'
import { autotaskTicketWriter } from './writeback/autotask.ts'
import { metBy, vendorInstant } from './vendor-dates.ts'

export interface AutotaskConfig {
  /** Where zone discovery is asked (default https://webservices.autotask.net/ATServicesRest/). */
  baseUrl: string
  credentials: AutotaskCredentials
  companyIds: readonly string[]
  settings?: { csatScaleMax?: number }
  pageSize?: number
  http?: HttpOptions
}

export interface Picklists {
  priority: Map<string, string>
  status: Map<string, string>
  queueID: Map<string, string>
}

const COMPLETE = '5'
/** Autotask's default status for the "Waiting Customer" SLA event; the mapping itself is not readable by the API. */
const WAITING_CUSTOMER = 'waiting customer'
const AUTH_HINT = 'check the API user name, its secret and the integration code'

export function mapAutotaskTicket(record: Raw, picklists: Picklists, resources: ReadonlyMap<string, string>): VendorTicket {
  const label = (field: keyof Picklists) => {
    const value = text(record, field)
    return value === null ? null : (picklists[field].get(value) ?? value)
  }
  const priority = label('priority')
  if (!priority) throw new RecordError('priority: missing')
  const statusValue = text(record, 'status')
  const closed = statusValue === COMPLETE
  const createdAt = vendorInstant(record.createDate, 'createDate')
  if (!createdAt) throw new RecordError('createDate: missing')
  const updatedAt = vendorInstant(record.lastActivityDate, 'lastActivityDate')
  if (!updatedAt) throw new RecordError('lastActivityDate: missing')
  const firstResponseAt = vendorInstant(record.firstResponseDateTime, 'firstResponseDateTime')
  const resolvedAt = vendorInstant(record.resolvedDateTime, 'resolvedDateTime') ?? vendorInstant(record.completedDate, 'completedDate')
  const responseDue = vendorInstant(record.firstResponseDueDateTime, 'firstResponseDueDateTime')
  const resolveDue = vendorInstant(record.resolvedDueDateTime, 'resolvedDueDateTime')
  const slaMet = bool(record, 'serviceLevelAgreementHasBeenMet')
  const resource = text(record, 'assignedResourceID')
  const title = text(record, 'title') ?? ''
  const ticketNumber = text(record, 'ticketNumber')
  return {
    externalId: id(record),
    clientExternalId: text(record, 'companyID'),
    title: ticketNumber && title ? `${ticketNumber} ${title}` : title || (ticketNumber ?? ''),
    priority,
    status: label('status') ?? '',
    closed,
    queue: label('queueID'),
    assignee: resource ? (resources.get(resource) ?? `Resource ${resource}`) : null,
    createdAt,
    firstResponseAt,
    resolvedAt,
    slaResponseDueAt: responseDue,
    slaResolveDueAt: resolveDue,
    vendorResponseMet: metBy(firstResponseAt, responseDue),
    vendorResolutionMet: closed && slaMet !== null ? slaMet : metBy(resolvedAt, resolveDue),
    updatedAt,
  }
}

/**
 * One TicketHistory row as a status change, null for other actions, undefined for a status row that could not be
 * read. Unconfirmed wording: `action` mentions the status ("Status Changed"), `detail` reads "Old -> New" in
 * picklist labels (values are mapped to labels too, should an instance send them).
 */
export function readAutotaskHistory(row: unknown, statusLabels: ReadonlyMap<string, string>): StatusChange | null | undefined {
  if (!isObject(row)) return undefined
  if (typeof row.action !== 'string' || !/status/i.test(row.action)) return null
  const parts = typeof row.detail === 'string' ? row.detail.split(/\s*(?:->|→|=>)\s*/) : []
  let at: string | null = null
  try {
    at = vendorInstant(row.date, 'date')
  } catch (error) {
    if (!(error instanceof RecordError)) throw error
  }
  const label = (v: string | undefined) => (v?.trim() ? (statusLabels.get(v.trim()) ?? v.trim()) : null)
  const to = label(parts[parts.length - 1])
  if (!at || parts.length !== 2 || !to) return undefined
  return { at, from: label(parts[0]), to }
}

export function createAutotaskConnector(config: AutotaskConfig): Connector {
  // Autotask allows three threads per endpoint and integration: never more in flight from one connection.
  const http: Http = createHttp({ ...config.http, concurrency: Math.min(3, config.http?.concurrency ?? 3) })
  const pageSize = Math.min(500, Math.max(1, config.pageSize ?? 500))
  const headers = {
    ApiIntegrationCode: config.credentials.integrationCode,
    UserName: config.credentials.username,
    Secret: config.credentials.secret,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  }
  let zoneBase: string | null = null
  let picklists: Picklists | null = null
  const resources = new Map<string, string>()

  async function base(): Promise<string> {
    if (zoneBase) return zoneBase
    const root = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`
    const response = await http.request(`${root}V1.0/zoneInformation?user=${encodeURIComponent(config.credentials.username)}`, { what: 'Autotask zone discovery', headers: { Accept: 'application/json' } })
    if (!response.ok) throw new ConnectorError('CONFIG', `Autotask zone discovery: HTTP ${response.status} from the PSA; check the API user name`, response.status)
    const zone = await readJson(response, 'Autotask zone discovery')
    const url = isObject(zone) && typeof zone.url === 'string' ? zone.url : null
    if (!url) throw new ConnectorError('CONFIG', `Autotask zone discovery: no zone for user "${config.credentials.username}"`)
    return (zoneBase = `${url.endsWith('/') ? url : `${url}/`}V1.0/`)
  }

  async function call(method: 'GET' | 'POST', url: string, what: string, body?: unknown, bulk = false) {
    const response = await http.request(url, { what, method, headers, body: body === undefined ? undefined : JSON.stringify(body), bulk })
    expectOk(response, what, AUTH_HINT)
    return readJson(response, what)
  }

  async function loadPicklists(): Promise<Picklists> {
    if (picklists) return picklists
    const body = await call('GET', `${await base()}Tickets/entityInformation/fields`, 'Autotask ticket fields')
    if (!isObject(body) || !Array.isArray(body.fields)) throw new ConnectorError('MALFORMED_PAGE', 'Autotask ticket fields: expected { fields: [...] }')
    const lists: Picklists = { priority: new Map(), status: new Map(), queueID: new Map() }
    for (const field of body.fields) {
      if (!isObject(field) || !field.isPickList || !Array.isArray(field.picklistValues)) continue
      const target = lists[field.name as keyof Picklists]
      if (!target) continue
      for (const v of field.picklistValues) if (isObject(v) && v.value !== undefined && typeof v.label === 'string') target.set(String(v.value), v.label)
    }
    return (picklists = lists)
  }

  async function loadResources(ids: string[]) {
    const missing = [...new Set(ids)].filter((r) => !resources.has(r))
    if (!missing.length) return
    const body = await call('POST', `${await base()}Resources/query`, 'Autotask resources', { filter: [{ op: 'in', field: 'id', value: missing.map(Number) }] })
    const items = isObject(body) && Array.isArray(body.items) ? body.items : []
    for (const r of items) {
      if (!isObject(r)) continue
      const name = [r.firstName, r.lastName].filter((p) => typeof p === 'string' && p).join(' ')
      if (name) resources.set(String(r.id), name)
    }
  }

  function filter(since: string | null, lastId: number) {
    const f: unknown[] = []
    if (since) f.push({ op: 'gte', field: 'lastActivityDate', value: since })
    // A query needs at least one condition; resuming continues after the last id committed.
    f.push({ op: 'gt', field: 'id', value: lastId })
    if (config.companyIds.length) f.push({ op: 'in', field: 'companyID', value: config.companyIds.map(Number) })
    return f
  }

  return {
    kind: 'autotask',
    tickets: autotaskTicketWriter(
      { base, request: (url, { body, ...init }) => http.request(url, { ...init, headers, body: body === undefined ? undefined : JSON.stringify(body) }) },
      async () => {
        const lists = await loadPicklists()
        return (value) => lists.status.get(value) ?? value
      },
    ),
    async testConnection() {
      const info = await call('GET', `${await base()}ThresholdInformation`, 'Autotask threshold information')
      const used = isObject(info) ? `${info.currentTimeframeRequestCount ?? '?'} of ${info.externalRequestThreshold ?? '?'} requests used this hour` : 'connected'
      return { ok: true as const, message: `Connected to Autotask as ${config.credentials.username} (${used})` }
    },

    async *listChangedTickets(since, resume) {
      const state = { since: (resume?.since as string | null | undefined) ?? since?.toISOString() ?? null, lastId: Number(resume?.lastId ?? 0) }
      const lists = await loadPicklists()
      const root = await base()
      const body = { filter: filter(state.since, state.lastId), MaxRecords: pageSize }
      const counted = await call('POST', `${root}Tickets/query/count`, 'Autotask ticket count', { filter: body.filter })
      const total = isObject(counted) && typeof counted.queryCount === 'number' ? counted.queryCount : null
      let url: string | null = `${root}Tickets/query`
      let received = 0
      while (url) {
        // The next page of a POST query is POSTed with the same body (a GET may answer 405).
        const page = await call('POST', url, 'Autotask tickets', body)
        if (!isObject(page) || !Array.isArray(page.items) || !isObject(page.pageDetails)) {
          throw new ConnectorError('MALFORMED_PAGE', 'Autotask tickets: expected { items, pageDetails }')
        }
        const items = page.items as unknown[]
        await loadResources(items.flatMap((r) => (isObject(r) && r.assignedResourceID != null ? [String(r.assignedResourceID)] : [])))
        const { tickets, skipped, maxId } = mapRecords(items, (record) => mapAutotaskTicket(record, lists, resources))
        if (maxId !== null) state.lastId = Math.max(state.lastId, maxId)
        received += items.length
        yield { tickets, skipped, resume: { ...state } as ResumeState, total }
        const next = page.pageDetails.nextPageUrl
        url = typeof next === 'string' && next ? next : null
      }
      if (total !== null && received < total) {
        throw new ConnectorError('INCOMPLETE', `Autotask tickets: the PSA counted ${total} changed tickets but its pages held ${received}; the cursor stays where it was`)
      }
    },

    async listStatuses() {
      const lists = await loadPicklists()
      return [...lists.status].map(([value, label]) => ({ name: label, waiting: label.trim().toLowerCase() === WAITING_CUSTOMER, resolved: false, closed: value === COMPLETE }))
    },

    async listStatusHistory(ticket): Promise<StatusHistory> {
      const lists = await loadPicklists()
      // Exactly one filter, ticketID eq: TicketHistory allows no other (so no batching across tickets).
      const body = { filter: [{ op: 'eq', field: 'ticketID', value: Number(ticket.externalId) }] }
      const changes: StatusChange[] = []
      let unparsed = 0
      for (let url: string | null = `${await base()}TicketHistory/query`; url; ) {
        const page = await call('POST', url, 'Autotask ticket history', body, true)
        if (!isObject(page) || !Array.isArray(page.items)) throw new ConnectorError('MALFORMED_PAGE', 'Autotask ticket history: expected { items, pageDetails }')
        for (const row of page.items) {
          const change = readAutotaskHistory(row, lists.status)
          if (change === undefined) unparsed++
          else if (change) changes.push(change)
        }
        const next = isObject(page.pageDetails) ? page.pageDetails.nextPageUrl : null
        url = typeof next === 'string' && next ? next : null
      }
      return { changes, unparsed }
    },

    async *listAssets() {
      const root = await base()
      const fields = await call('GET', `${root}ConfigurationItems/entityInformation/fields`, 'Autotask configuration item fields')
      const types = new Map<string, string>()
      for (const field of isObject(fields) && Array.isArray(fields.fields) ? fields.fields : []) {
        if (!isObject(field) || field.name !== 'configurationItemType' || !Array.isArray(field.picklistValues)) continue
        for (const v of field.picklistValues) if (isObject(v) && v.value !== undefined && typeof v.label === 'string') types.set(String(v.value), v.label)
      }
      const filter = config.companyIds.length ? [{ op: 'in', field: 'companyID', value: config.companyIds.map(Number) }] : [{ op: 'gt', field: 'id', value: 0 }]
      const body = { filter, MaxRecords: pageSize }
      for (let url: string | null = `${root}ConfigurationItems/query`; url; ) {
        const page = await call('POST', url, 'Autotask configuration items', body)
        if (!isObject(page) || !Array.isArray(page.items)) throw new ConnectorError('MALFORMED_PAGE', 'Autotask configuration items: expected { items, pageDetails }')
        const { tickets: assets, skipped } = mapRecords(page.items as unknown[], (r) => mapAutotaskConfigurationItem(r, types))
        yield { assets, skipped }
        const next = isObject(page.pageDetails) ? page.pageDetails.nextPageUrl : null
        url = typeof next === 'string' && next ? next : null
      }
    },

    async listSurveyResults(ticketIds) {
      const max = config.settings?.csatScaleMax ?? 10
      const results: SurveyResult[] = []
      for (let i = 0; i < ticketIds.length; i += 500) {
        const ids = ticketIds.slice(i, i + 500).map(Number).filter(Number.isSafeInteger)
        if (!ids.length) continue
        const body = await call('POST', `${await base()}SurveyResults/query`, 'Autotask survey results', { filter: [{ op: 'in', field: 'ticketID', value: ids }] })
        const items = isObject(body) && Array.isArray(body.items) ? body.items : []
        for (const r of items) {
          if (!isObject(r)) continue
          try {
            const ticket = num(r, 'ticketID')
            const rating = num(r, 'surveyRating')
            if (ticket === null || rating === null) continue
            results.push({ ticketExternalId: String(ticket), csat: csatFromScale(rating, max), at: vendorInstant(r.completeDate, 'completeDate') })
          } catch (error) {
            if (!(error instanceof RecordError)) throw error
          }
        }
      }
      return results
    },
  }
}
