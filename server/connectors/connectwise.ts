// ConnectWise Manage (PSA): Basic auth as company+public:private with a clientId header, discovery of the
// codebase, `conditions` queries, paging by the RFC 5988 Link header.
import { type Http, type HttpOptions, type PsaResponse, createHttp, expectOk, parseJson, readJson } from './http.ts'
import { RecordError, type Raw, bool, child, csatFromScale, id, isObject, mapRecords, requiredText, text } from './record.ts'
import type { StatusChange } from '../tickets/status-history.ts'
import { type ConnectWiseCredentials, type Connector, ConnectorError, type ResumeState, type StatusHistory, type TicketPage, type VendorStatus, type VendorTicket } from './types.ts'
import { mapConnectWiseConfiguration } from './vendor-assets.ts'
import { connectWiseTicketWriter } from './writeback/connectwise.ts'
import { metBy, vendorInstant } from './vendor-dates.ts'

export interface ConnectWiseConfig {
  /** The site (`https://api-na.myconnectwise.net`), or a full API base ending in `/apis/3.0`. */
  baseUrl: string
  credentials: ConnectWiseCredentials
  companyIds: readonly string[]
  settings?: { surveyId?: number; csatScaleMax?: number }
  pageSize?: number
  http?: HttpOptions
}

const ACCEPT = 'application/vnd.connectwise.com+json; version=2022.1'
const AUTH_HINT = 'check the company id, the public and private keys, and the clientId'

/** The `next` target of an RFC 5988 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;(.*)/.exec(part.trim())
    if (match && /\brel="?next"?/i.test(match[2])) return match[1]
  }
  return null
}

export function mapConnectWiseTicket(record: Raw): VendorTicket {
  const info = child(record, '_info')
  const company = child(record, 'company')
  const closed = bool(record, 'closedFlag') ?? false
  const createdAt = vendorInstant(info?.dateEntered ?? record.dateEntered, 'dateEntered')
  if (!createdAt) throw new RecordError('dateEntered: missing')
  const updatedAt = vendorInstant(info?.lastUpdated ?? record.lastUpdated, '_info.lastUpdated')
  if (!updatedAt) throw new RecordError('_info.lastUpdated: missing')
  const firstResponseAt = vendorInstant(record.dateResponded, 'dateResponded')
  const resolvedAt = vendorInstant(record.dateResolved, 'dateResolved') ?? vendorInstant(record.closedDate, 'closedDate')
  // Not in the published schema; accepted when an instance sends them.
  const responseDue = vendorInstant(record.respondByGoalUTC, 'respondByGoalUTC')
  const resolveDue = vendorInstant(record.resolutionGoalUTC, 'resolutionGoalUTC')
  const isInSla = bool(record, 'isInSla')
  const owner = child(record, 'owner')
  return {
    externalId: id(record),
    clientExternalId: text(company, 'id', 'company.id'),
    title: text(record, 'summary') ?? '',
    priority: requiredText(child(record, 'priority'), 'name', 'priority.name'),
    status: text(child(record, 'status'), 'name', 'status.name') ?? '',
    closed,
    boardId: text(child(record, 'board'), 'id', 'board.id'),
    queue: text(child(record, 'board'), 'name', 'board.name'),
    assignee: text(owner, 'name', 'owner.name') ?? text(owner, 'identifier', 'owner.identifier'),
    createdAt,
    firstResponseAt,
    resolvedAt,
    slaResponseDueAt: responseDue,
    slaResolveDueAt: resolveDue,
    vendorResponseMet: metBy(firstResponseAt, responseDue),
    // isInSla is one verdict over the whole ticket: final, and so a resolution verdict, once the ticket is closed.
    vendorResolutionMet: closed && isInSla !== null ? isInSla : metBy(resolvedAt, resolveDue),
    updatedAt,
  }
}

/**
 * One audit-trail entry as a status change, or null for another kind of entry (owner, priority, notes...). How a
 * status change reads is unconfirmed: entries with auditSubType "Status" (or, without a subtype, text about the
 * status), the new status being the last quoted name and the old one the quoted name before it. `undefined`
 * means a status entry that could not be read (counted in the run's report).
 */
export function readConnectWiseAudit(entry: unknown): StatusChange | null | undefined {
  if (!isObject(entry)) return undefined
  const subType = entry.auditSubType
  const sub = typeof subType === 'string' ? (subType === 'Status' ? 'status' : subType.trim().toLowerCase()) : null
  const body = typeof entry.text === 'string' ? entry.text : ''
  if (sub ? sub !== 'status' : !/^\s*status\b/i.test(body)) return null
  // Only the last two quoted names count: found by their quotes' positions, each name cut once (a sync reads 30,000
  // entries; a regular expression's match arrays were most of this function's garbage).
  let fromAt = -1
  let fromEnd = -1
  let toAt = -1
  let toEnd = -1
  for (let open = body.indexOf('"'); open >= 0; ) {
    const close = body.indexOf('"', open + 1)
    if (close < 0) break
    fromAt = toAt
    fromEnd = toEnd
    toAt = open + 1
    toEnd = close
    open = body.indexOf('"', close + 1)
  }
  let at: string | null = null
  try {
    at = vendorInstant(entry.enteredDate, 'enteredDate')
  } catch (error) {
    if (!(error instanceof RecordError)) throw error
  }
  const to = toAt >= 0 ? body.slice(toAt, toEnd).trim() : ''
  if (!at || !to) return undefined
  return { at, from: fromAt >= 0 ? body.slice(fromAt, fromEnd).trim() || null : null, to }
}

function condition(since: string | null, lastId: number, companyIds: readonly string[]): string {
  const parts: string[] = []
  if (since) parts.push(`lastUpdated >= [${since.replace(/\.\d+Z$/, 'Z')}]`)
  if (lastId > 0) parts.push(`id > ${lastId}`)
  if (companyIds.length) parts.push(`company/id in (${companyIds.join(',')})`)
  return parts.join(' and ')
}

export function createConnectWiseConnector(config: ConnectWiseConfig): Connector {
  const http: Http = createHttp(config.http)
  const pageSize = Math.min(1000, config.pageSize ?? 1000)
  const { companyId, publicKey, privateKey, clientId } = config.credentials
  const headers = {
    Authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`,
    clientId,
    Accept: ACCEPT,
  }
  let apiBase: string | null = null
  const boardStatuses = new Map<string, Promise<VendorStatus[]>>()

  async function base(): Promise<string> {
    if (apiBase) return apiBase
    const site = config.baseUrl.replace(/\/+$/, '')
    if (/\/apis\/3\.0$/.test(site)) return (apiBase = site)
    const response = await http.request(`${site}/login/companyinfo/${encodeURIComponent(companyId)}`, { what: 'ConnectWise company lookup', headers: { Accept: 'application/json' } })
    if (!response.ok) throw new ConnectorError('CONFIG', `ConnectWise company lookup: HTTP ${response.status} from the PSA; check the site URL and company id`, response.status)
    const info = await readJson(response, 'ConnectWise company lookup')
    const codebase = isObject(info) && typeof info.Codebase === 'string' ? info.Codebase : null
    if (!codebase) throw new ConnectorError('CONFIG', `ConnectWise company lookup: no company "${companyId}" on ${site}`)
    return (apiBase = `${site}/${codebase.replace(/^\/+/, '')}apis/3.0`)
  }

  function judge(response: PsaResponse, what: string): PsaResponse {
    // ConnectWise is reported to answer 404 rather than 401 to unknown keys.
    if (response.status === 404) throw new ConnectorError('AUTH', `${what}: HTTP 404, which ConnectWise answers for unknown API keys or a wrong codebase; ${AUTH_HINT}`, 404)
    expectOk(response, what, AUTH_HINT)
    return response
  }

  async function get(url: string, what: string, bulk = false) {
    return judge(await http.request(url, { what, headers, bulk }), what)
  }

  /**
   * Every record of a list, following `Link: rel="next"` until there is none. Each page costs one promise here (the
   * request's): a sync reads one status history per ticket, and each async step around it was a turn of the
   * microtask queue and a promise per ticket.
   */
  async function getAll(url: string, what: string, bulk = false): Promise<unknown[]> {
    // A single page (every status history but the longest) is returned as read, not copied.
    let all: unknown[] | null = null
    for (let next: string | null = url; next; ) {
      const response = judge(await http.request(next, { what, headers, bulk }), what)
      const body = parseJson(response, what)
      if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', `${what}: expected an array`)
      if (!all) all = body
      else for (const row of body) all.push(row)
      next = nextLink(response.headers.get('link'))
    }
    return all ?? []
  }

  async function statusesOf(boardId: string): Promise<VendorStatus[]> {
    const rows = await getAll(`${await base()}/service/boards/${encodeURIComponent(boardId)}/statuses?pageSize=1000`, 'ConnectWise board statuses')
    return rows.flatMap((r) =>
      isObject(r) && typeof r.name === 'string' && r.name.trim()
        ? [{ name: r.name.trim(), waiting: r.escalationStatus === 'NoEscalation', resolved: r.escalationStatus === 'Resolved', closed: r.closedStatus === true }]
        : [],
    )
  }

  return {
    kind: 'connectwise',
    tickets: connectWiseTicketWriter({
      base,
      request: (url, { body, ...init }) => http.request(url, { ...init, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
    }),
    async testConnection() {
      const response = await get(`${await base()}/system/info`, 'ConnectWise system info')
      const info = await readJson(response, 'ConnectWise system info')
      const version = isObject(info) && typeof info.version === 'string' ? info.version : 'unknown version'
      return { ok: true as const, message: `Connected to ConnectWise (${version}) as company ${companyId}` }
    },

    async *listChangedTickets(since, resume) {
      const state = { since: (resume?.since as string | null | undefined) ?? since?.toISOString() ?? null, lastId: Number(resume?.lastId ?? 0) }
      const conditions = condition(state.since, state.lastId, config.companyIds)
      const query = `conditions=${encodeURIComponent(conditions)}&orderBy=${encodeURIComponent('id asc')}`
      const root = await base()
      let total: number | null = null
      const counted = await http.request(`${root}/service/tickets/count?${query}`, { what: 'ConnectWise ticket count', headers })
      if (counted.ok) {
        const body = await readJson(counted, 'ConnectWise ticket count')
        total = isObject(body) && typeof body.count === 'number' ? body.count : null
      }
      let url: string | null = `${root}/service/tickets?${query}&page=1&pageSize=${pageSize}`
      let received = 0
      // One page read and mapped in a function of its own: while the sync works through a page (its thousand history
      // calls), the generator waits at the yield holding that page only, not the raw answer it came from.
      const readPage = async (pageUrl: string) => {
        const response = await get(pageUrl, 'ConnectWise tickets')
        const body = await readJson(response, 'ConnectWise tickets')
        if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', 'ConnectWise tickets: expected an array of tickets')
        const { tickets, skipped, maxId } = mapRecords(body, mapConnectWiseTicket, (record) =>
          isObject(record) && (typeof record.id === 'number' || typeof record.id === 'string') ? String(record.id) : null,
        )
        if (maxId !== null) state.lastId = Math.max(state.lastId, maxId)
        // A page shorter than asked is not the end (a server may cap the page size): only a missing next link is.
        return { tickets, skipped, count: body.length, next: nextLink(response.headers.get('link')) }
      }
      while (url) {
        const { tickets, skipped, count, next } = await readPage(url)
        received += count
        const page: TicketPage = { tickets, skipped, resume: { ...state } as ResumeState, total }
        yield page
        url = next
      }
      if (total !== null && received < total) {
        throw new ConnectorError('INCOMPLETE', `ConnectWise tickets: the PSA counted ${total} changed tickets but its pages held ${received}; the cursor stays where it was`)
      }
    },

    async listStatuses(tickets) {
      for (const t of tickets) if (t.boardId && !boardStatuses.has(t.boardId)) boardStatuses.set(t.boardId, statusesOf(t.boardId))
      return (await Promise.all(boardStatuses.values())).flat()
    },

    async listStatusHistory(ticket): Promise<StatusHistory> {
      // The API base is known after the first call: no promise for it per history call.
      const rows = await getAll(`${apiBase ?? (await base())}/system/audittrail?type=Ticket&id=${encodeURIComponent(ticket.externalId)}&pageSize=1000`, 'ConnectWise audit trail', true)
      const changes: StatusChange[] = []
      let unparsed = 0
      for (const row of rows) {
        const change = readConnectWiseAudit(row)
        if (change === undefined) unparsed++
        else if (change) changes.push(change)
      }
      return { changes, unparsed }
    },

    async *listAssets() {
      const conditions = config.companyIds.length ? `&conditions=${encodeURIComponent(`company/id in (${config.companyIds.join(',')})`)}` : ''
      for (let url: string | null = `${await base()}/company/configurations?orderBy=${encodeURIComponent('id asc')}&pageSize=${pageSize}${conditions}`; url; ) {
        const response = await get(url, 'ConnectWise configurations')
        const body = await readJson(response, 'ConnectWise configurations')
        if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', 'ConnectWise configurations: expected an array')
        const { tickets: assets, skipped } = mapRecords(body, mapConnectWiseConfiguration)
        yield { assets, skipped }
        url = nextLink(response.headers.get('link'))
      }
    },

    async listSurveyResults(ticketIds) {
      const surveyId = config.settings?.surveyId
      if (!surveyId || ticketIds.length === 0) return []
      const max = config.settings?.csatScaleMax ?? 5
      const root = await base()
      const results = []
      for (let i = 0; i < ticketIds.length; i += 200) {
        const ids = ticketIds.slice(i, i + 200).filter((t) => /^\d+$/.test(t))
        if (!ids.length) continue
        const conditions = encodeURIComponent(`ticketId in (${ids.join(',')})`)
        const response = await get(`${root}/service/surveys/${surveyId}/results?conditions=${conditions}&pageSize=1000`, 'ConnectWise survey results')
        const body = await readJson(response, 'ConnectWise survey results')
        if (!Array.isArray(body)) throw new ConnectorError('MALFORMED_PAGE', 'ConnectWise survey results: expected an array')
        for (const r of body) {
          const ticket = isObject(r) && typeof r.ticketId === 'number' ? r.ticketId : null
          const points = isObject(r) && typeof r.totalPoints === 'number' ? r.totalPoints : null
          if (ticket === null || points === null) continue
          results.push({ ticketExternalId: String(ticket), csat: csatFromScale(points, max), at: null })
        }
      }
      return results
    },
  }
}
