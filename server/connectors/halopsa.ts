// HaloPSA: OAuth2 client credentials (one new token and one retry on 401), `pageinate`/page_no/page_size paging
// until record_count, timestamps with and without a zone, 1900-01-01 for "no date".
import { type Http, type HttpOptions, createHttp, expectOk, readJson } from './http.ts'
import { RecordError, type Raw, bool, child, id, isObject, mapRecords, num, requiredText, text } from './record.ts'
import { type Connector, ConnectorError, type HaloCredentials, type ResumeState, type SurveyResult, type VendorTicket } from './types.ts'
import { vendorInstant } from './vendor-dates.ts'

export interface HaloConfig {
  /** The instance, e.g. https://acme.halopsa.com; the auth server defaults to `<instance>/auth`. */
  baseUrl: string
  credentials: HaloCredentials
  companyIds: readonly string[]
  settings?: { authServer?: string }
  pageSize?: number
  http?: HttpOptions
  now?: () => number
}

const CLOSED = 9
const AUTH_HINT = 'check the client id and secret of the Halo API application (client credentials, scope "all")'

function verdict(state: unknown): boolean | null {
  if (state === 'I') return true
  if (state === 'O') return false
  return null
}

export function mapHaloTicket(record: Raw): VendorTicket {
  const statusId = num(record, 'status_id')
  const closed = statusId === CLOSED || bool(record, 'hasbeenclosed') === true
  const createdAt = vendorInstant(record.dateoccurred, 'dateoccurred')
  if (!createdAt) throw new RecordError('dateoccurred: missing')
  const updatedAt = vendorInstant(record.lastactiondate, 'lastactiondate') ?? createdAt
  const embedded = child(record, 'priority')
  const priority = text(embedded, 'name', 'priority.name') ?? requiredText(record, 'priority_id')
  const excluded = bool(record, 'excludefromsla') === true
  const status = text(record, 'status_name') ?? (closed ? 'Closed' : statusId === null ? '' : `Status ${statusId}`)
  return {
    externalId: id(record),
    clientExternalId: text(record, 'client_id'),
    title: text(record, 'summary') ?? '',
    priority,
    status,
    closed,
    queue: text(record, 'team'),
    assignee: text(record, 'agent_name'),
    createdAt,
    firstResponseAt: vendorInstant(record.responsedate, 'responsedate'),
    resolvedAt: closed ? vendorInstant(record.dateclosed, 'dateclosed') : null,
    slaResponseDueAt: vendorInstant(record.respondbydate, 'respondbydate'),
    slaResolveDueAt: vendorInstant(record.fixbydate, 'fixbydate'),
    vendorResponseMet: excluded ? null : verdict(record.slaresponsestate),
    // Halo's slastate of an open ticket is "in SLA so far": a verdict only once the ticket is closed.
    vendorResolutionMet: excluded || !closed ? null : verdict(record.slastate),
    updatedAt,
  }
}

/** Halo reads query dates without a zone, as UTC. */
const haloDate = (iso: string) => iso.replace(/\.\d+Z$/, '').replace(/Z$/, '')

export function createHaloConnector(config: HaloConfig): Connector {
  const http: Http = createHttp(config.http)
  const instance = config.baseUrl.replace(/\/+$/, '')
  const authServer = (config.settings?.authServer ?? `${instance}/auth`).replace(/\/+$/, '')
  const pageSize = Math.min(100, Math.max(1, config.pageSize ?? 100))
  const now = config.now ?? Date.now
  let token: { value: string; expiresAt: number } | null = null
  let feedback: Map<string, SurveyResult> | null = null

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.credentials.clientId, client_secret: config.credentials.clientSecret, scope: 'all' })
    const tenant = config.credentials.tenant ? `?tenant=${encodeURIComponent(config.credentials.tenant)}` : ''
    const response = await http.request(`${authServer}/token${tenant}`, {
      what: 'HaloPSA token',
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
    })
    if (response.status === 400 || response.status === 401) throw new ConnectorError('AUTH', `HaloPSA token: the auth server refused the client credentials (HTTP ${response.status}); ${AUTH_HINT}`, response.status)
    expectOk(response, 'HaloPSA token', AUTH_HINT)
    const body = await readJson(response, 'HaloPSA token')
    if (!isObject(body) || typeof body.access_token !== 'string') throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA token: no access_token in the answer')
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600
    token = { value: body.access_token, expiresAt: now() + (lifetime - 60) * 1000 }
    return token.value
  }

  async function get(path: string, what: string): Promise<unknown> {
    const current = token && token.expiresAt > now() ? token.value : await fetchToken()
    let response = await http.request(`${instance}${path}`, { what, headers: { Authorization: `Bearer ${current}`, Accept: 'application/json' } })
    if (response.status === 401) {
      // The token may have been revoked or expired early: one new token, one retry.
      const fresh = await fetchToken()
      response = await http.request(`${instance}${path}`, { what, headers: { Authorization: `Bearer ${fresh}`, Accept: 'application/json' } })
    }
    expectOk(response, what, AUTH_HINT)
    return readJson(response, what)
  }

  return {
    kind: 'halopsa',
    async testConnection() {
      await get('/api/Tickets?pageinate=true&page_size=1&page_no=1', 'HaloPSA tickets')
      return { ok: true as const, message: `Connected to HaloPSA at ${instance} as API client ${config.credentials.clientId}` }
    },

    async *listChangedTickets(since, resume) {
      const state = {
        since: (resume?.since as string | null | undefined) ?? since?.toISOString() ?? null,
        // The window's end is fixed for the run, so a ticket updated meanwhile leaves the window instead of
        // entering it: the result set can only shrink, and a changed record_count says it did.
        until: (resume?.until as string | undefined) ?? new Date(now()).toISOString(),
        pageNo: Number(resume?.pageNo ?? 1),
        fetched: Number(resume?.fetched ?? 0),
        recordCount: resume?.recordCount === undefined ? null : Number(resume.recordCount),
      }
      let rescan = Boolean(resume?.rescan)
      const onlyClient = config.companyIds.length === 1 ? `&client_id=${encodeURIComponent(config.companyIds[0])}` : ''
      const window = state.since ? `&datesearch=lastactiondate&startdate=${encodeURIComponent(haloDate(state.since))}&enddate=${encodeURIComponent(haloDate(state.until))}` : ''
      for (;;) {
        const body = await get(`/api/Tickets?pageinate=true&page_size=${pageSize}&page_no=${state.pageNo}${window}${onlyClient}&order=id`, 'HaloPSA tickets')
        if (!isObject(body) || !Array.isArray(body.tickets) || typeof body.record_count !== 'number') {
          throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA tickets: expected { record_count, tickets: [...] }')
        }
        if (state.recordCount !== null && body.record_count !== state.recordCount) rescan = true
        state.recordCount = body.record_count
        const { tickets, skipped } = mapRecords(body.tickets as unknown[], mapHaloTicket)
        state.fetched += body.tickets.length
        state.pageNo++
        const done = body.tickets.length === 0 || state.fetched >= body.record_count
        yield { tickets, skipped, resume: { ...state, rescan } as ResumeState, total: body.record_count, rescan }
        if (done) return
      }
    },

    async listSurveyResults(ticketIds) {
      if (!feedback) {
        const body = await get('/api/Feedback', 'HaloPSA feedback')
        if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA feedback: expected an array')
        feedback = new Map()
        for (const r of body) {
          if (!isObject(r) || r.feedback_faultid == null || typeof r.score !== 'number') continue
          // Halo's scores run 1 (very satisfied) to 4 (very dissatisfied): lower is better.
          const csat = [5, 4, 2, 1][Math.min(4, Math.max(1, Math.round(r.score))) - 1]
          let at: string | null = null
          try {
            at = vendorInstant(r.date, 'date')
          } catch (error) {
            if (!(error instanceof RecordError)) throw error
          }
          feedback.set(String(r.feedback_faultid), { ticketExternalId: String(r.feedback_faultid), csat, at })
        }
      }
      return ticketIds.flatMap((t) => (feedback!.has(t) ? [feedback!.get(t)!] : []))
    },
  }
}
