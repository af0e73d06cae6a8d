// HaloPSA: OAuth2 client credentials (one new token and one retry on 401), `pageinate`/page_no/page_size paging
// until record_count, timestamps with and without a zone, 1900-01-01 for "no date".
import { type Http, type HttpOptions, createHttp, expectOk, readJson } from './http.ts'
import { RecordError, type Raw, bool, child, id, isObject, mapRecords, num, requiredText, text } from './record.ts'
import type { StatusChange } from '../tickets/status-history.ts'
import { type Connector, ConnectorError, type HaloCredentials, type ResumeState, type StatusHistory, type SurveyResult, type VendorStatus, type VendorTicket } from './types.ts'
import { mapHaloAsset } from './vendor-assets.ts'
import { haloTicketWriter } from './writeback/halopsa.ts'
import type { PsaResponse } from './http.ts'
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

/** Halo's status list (`/api/Status`): id -> name and SLA action ("hold" stops the clock; values unconfirmed). */
export type HaloStatuses = ReadonlyMap<number, { name: string; slaaction: string | null }>
const AUTH_HINT = 'check the client id and secret of the Halo API application (client credentials, scope "all")'

function verdict(state: unknown): boolean | null {
  if (state === 'I') return true
  if (state === 'O') return false
  return null
}

export function mapHaloTicket(record: Raw, statuses: HaloStatuses = new Map()): VendorTicket {
  const statusId = num(record, 'status_id')
  const closed = statusId === CLOSED || bool(record, 'hasbeenclosed') === true
  const createdAt = vendorInstant(record.dateoccurred, 'dateoccurred')
  if (!createdAt) throw new RecordError('dateoccurred: missing')
  const updatedAt = vendorInstant(record.lastactiondate, 'lastactiondate') ?? createdAt
  const embedded = child(record, 'priority')
  const priority = text(embedded, 'name', 'priority.name') ?? requiredText(record, 'priority_id')
  const excluded = bool(record, 'excludefromsla') === true
  // The name from Halo's own status list: list rows may lack status_name.
  const status = (statusId === null ? null : statuses.get(statusId)?.name) ?? text(record, 'status_name') ?? (closed ? 'Closed' : statusId === null ? '' : `Status ${statusId}`)
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

/**
 * A ticket's actions as status changes, oldest first. A status change is an action whose new_status differs
 * from its old_status (absent: the previous action's new_status); the instant is actiondatecreated, else
 * datetime. An action with a new status but no readable instant or name is counted as unparsed.
 */
export function readHaloActions(actions: readonly unknown[], statuses: HaloStatuses): StatusHistory {
  let unparsed = 0
  const rows: Array<{ at: string; ms: number; oldId: number | null; newId: number; newName: string | null }> = []
  for (const a of actions) {
    if (!isObject(a)) {
      unparsed++
      continue
    }
    try {
      const newId = num(a, 'new_status')
      if (newId === null || newId <= 0) continue
      const at = vendorInstant(a.actiondatecreated, 'actiondatecreated') ?? vendorInstant(a.datetime, 'datetime')
      if (!at) throw new RecordError('no instant')
      const oldId = num(a, 'old_status')
      rows.push({ at, ms: Date.parse(at), oldId: oldId && oldId > 0 ? oldId : null, newId, newName: text(a, 'new_status_name') })
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      unparsed++
    }
  }
  rows.sort((a, b) => a.ms - b.ms)
  const name = (id: number | null, fallback: string | null = null) => (id === null ? null : (statuses.get(id)?.name ?? fallback))
  const changes: StatusChange[] = []
  let previous: number | null = null
  for (const r of rows) {
    const from = r.oldId ?? previous
    previous = r.newId
    if (from === r.newId) continue
    const to = name(r.newId, r.newName)
    if (!to) {
      unparsed++
      continue
    }
    changes.push({ at: r.at, from: name(from), to })
  }
  return { changes, unparsed }
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
  let statusList: Promise<Map<number, { name: string; slaaction: string | null }>> | null = null

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

  let refreshing: Promise<string> | null = null
  /**
   * A token other than `stale`: the current one if another request already replaced it, else one new token for
   * every request that asks meanwhile (a page's history calls all meet an expired token at once; each asking for
   * its own would send a burst of token requests).
   */
  function tokenOtherThan(stale: string | null): Promise<string> {
    if (token && token.value !== stale && token.expiresAt > now()) return Promise.resolve(token.value)
    refreshing ??= fetchToken().finally(() => (refreshing = null))
    return refreshing
  }

  async function get(path: string, what: string, bulk = false): Promise<unknown> {
    const current = await tokenOtherThan(null)
    let response = await http.request(`${instance}${path}`, { what, bulk, headers: { Authorization: `Bearer ${current}`, Accept: 'application/json' } })
    if (response.status === 401) {
      // The token may have been revoked or expired early: one new token, one retry.
      const fresh = await tokenOtherThan(current)
      response = await http.request(`${instance}${path}`, { what, bulk, headers: { Authorization: `Bearer ${fresh}`, Accept: 'application/json' } })
    }
    expectOk(response, what, AUTH_HINT)
    return readJson(response, what)
  }

  /** Any request with the bearer token (one new token and one retry on 401), answered as is. */
  async function authed(url: string, init: { what: string; method?: 'GET' | 'POST'; body?: unknown; once?: boolean }): Promise<PsaResponse> {
    const send = (t: string) =>
      http.request(url, {
        what: init.what,
        method: init.method,
        once: init.once,
        headers: { Authorization: `Bearer ${t}`, Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      })
    const current = await tokenOtherThan(null)
    const response = await send(current)
    // A 401 means the PSA did not act: the one retry cannot duplicate a created ticket.
    return response.status === 401 ? send(await tokenOtherThan(current)) : response
  }

  function loadStatuses() {
    statusList ??= get('/api/Status', 'HaloPSA statuses').then((body) => {
      if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA statuses: expected an array')
      const map = new Map<number, { name: string; slaaction: string | null }>()
      for (const r of body) {
        if (isObject(r) && typeof r.id === 'number' && typeof r.name === 'string' && r.name.trim()) {
          map.set(r.id, { name: r.name.trim(), slaaction: typeof r.slaaction === 'string' ? r.slaaction.trim().toLowerCase() : null })
        }
      }
      return map
    })
    return statusList
  }

  return {
    kind: 'halopsa',
    tickets: haloTicketWriter({ base: async () => instance, request: authed }, async () => {
      const statuses = await loadStatuses()
      return (statusId) => statuses.get(statusId)?.name ?? null
    }),
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
        const statuses = await loadStatuses()
        const { tickets, skipped } = mapRecords(body.tickets as unknown[], (r) => mapHaloTicket(r, statuses))
        state.fetched += body.tickets.length
        state.pageNo++
        const done = body.tickets.length === 0 || state.fetched >= body.record_count
        // An empty page before record_count is reached: the pages lost tickets the count promised.
        if (body.tickets.length === 0 && state.fetched < body.record_count) {
          throw new ConnectorError('INCOMPLETE', `HaloPSA tickets: the PSA counted ${body.record_count} changed tickets but its pages held ${state.fetched}; the cursor stays where it was`)
        }
        yield { tickets, skipped, resume: { ...state, rescan } as ResumeState, total: body.record_count, rescan }
        if (done) return
      }
    },

    async listStatuses(): Promise<VendorStatus[]> {
      return [...(await loadStatuses())].map(([id, s]) => ({ name: s.name, waiting: s.slaaction === 'hold', resolved: false, closed: id === CLOSED }))
    },

    async listStatusHistory(ticket) {
      const [body, statuses] = await Promise.all([get(`/api/Actions?ticket_id=${encodeURIComponent(ticket.externalId)}`, 'HaloPSA actions', true), loadStatuses()])
      if (!isObject(body) || !Array.isArray(body.actions)) throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA actions: expected { actions: [...] }')
      return readHaloActions(body.actions, statuses)
    },

    async *listAssets() {
      const onlyClient = config.companyIds.length === 1 ? `&client_id=${encodeURIComponent(config.companyIds[0])}` : ''
      for (let pageNo = 1, fetched = 0; ; pageNo++) {
        const body = await get(`/api/Asset?pageinate=true&page_size=${pageSize}&page_no=${pageNo}${onlyClient}&order=id`, 'HaloPSA assets')
        if (!isObject(body) || !Array.isArray(body.assets) || typeof body.record_count !== 'number') {
          throw new ConnectorError('MALFORMED_PAGE', 'HaloPSA assets: expected { record_count, assets: [...] }')
        }
        const { tickets: assets, skipped } = mapRecords(body.assets as unknown[], mapHaloAsset)
        fetched += body.assets.length
        yield { assets, skipped }
        if (body.assets.length === 0 || fetched >= body.record_count) return
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
