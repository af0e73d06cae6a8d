// One sync run: pages from the connector, each page upserted in ONE transaction together with the cursor's
// advance and the run's counts, so a run killed at any point resumes after its last committed page, without
// losing or double-counting a ticket.
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { type NormalisedTicket, TicketFieldError, normaliseTicket } from '../tickets/normalize-ticket.ts'
import { policyPauseStatuses } from '../tickets/policy-pause-statuses.server.ts'
import { completionFromHistory, lifecycleOf, pausesFromHistory, statusSourceOf } from '../tickets/status-history.ts'
import { ZTicketInput } from '../tickets/tickets.schemas.ts'
import { syncAssets } from '../assets/sync-assets.server.ts'
import { refreshPsaTickets } from '../writeback/refresh-psa-tickets.server.ts'
import { loadPriorityMapping, upsertTicketBatch } from '../tickets/upsert-tickets.server.ts'
import { type ConnectorOptions, connectorFor, runView } from './connection-store.server.ts'
import type { SyncRunView } from './connector.schemas.ts'
import { after } from './cursor.ts'
import { mapBounded } from './map-bounded.ts'
import { recomputeStoredStatuses } from './recompute-statuses.server.ts'
import { type StatusMap, rulesFor } from './status-rules.server.ts'
import { type Connector, ConnectorError, type ResumeState, type SkippedRecord, type StatusHistory, type VendorTicket } from './types.ts'

const MAX_REPORTED_SKIPS = 100
/** Status-history calls pending at once: above any connector's HTTP limit (4 by default), so none of its slots idles. */
const HISTORY_CALLERS = 16
/** A run whose heartbeat is older than this is taken to be dead (its process was killed). */
export const STALE_RUN_MS = 5 * 60_000

interface StoredResume {
  position: ResumeState
  maxAt: string | null
  maxId: string | null
  rescan: boolean
  /** The oldest last-updated instant of a ticket this run could not store: the cursor may not pass it. */
  holdAt?: string | null
}

export interface RunSyncOptions {
  full?: boolean
  trigger?: 'manual' | 'schedule' | 'cli'
  /** Continue this (queued) run row rather than creating one. */
  runId?: string
  jobId?: string
  connector?: ConnectorOptions
  /** Called after each committed page; throwing from it stops the run as a crash would. */
  onPage?: (page: number, run: SyncRunView) => void | Promise<void>
  signal?: AbortSignal
  /**
   * false: read no status histories (pauses stay empty). Only the benchmark's baseline uses it, to price the
   * histories against the same sync without them.
   */
  statusHistory?: boolean
}

/** Vendor labels such as "P2 - High" or "Sev 1 (outage)": the number leads, whatever follows. */
const LEADING_PRIORITY = /^(?:p|priority|sev(?:erity)?)\s*([1-4])\b/i

function escalated(t: VendorTicket, rule: { queues?: string[]; statuses?: string[] }): boolean {
  const has = (names: string[] | undefined, value: string | null) => Boolean(value) && (names ?? []).some((n) => n.toLowerCase() === value!.toLowerCase())
  return has(rule.queues, t.queue) || has(rule.statuses, t.status)
}

/**
 * Runs a sync of the partnership's connection (the job handler, the CLI and tests call this). The run row says
 * how it ended; the summary is returned whether it succeeded or failed.
 */
export async function runSync(partnershipId: string, options: RunSyncOptions = {}): Promise<SyncRunView> {
  const prisma = await db()
  let connection = await prisma.psaConnection.findUnique({ where: { partnershipId } })
  if (!connection) throw new AppError('BAD_REQUEST', 'partnership: no PSA connection; add one first', { fieldErrors: [{ field: 'partnership', message: 'No PSA connection' }] })
  const busy = await prisma.syncRun.findFirst({
    where: { partnershipId, connectionId: connection.id, status: 'running', heartbeatAt: { gt: new Date(Date.now() - STALE_RUN_MS) }, ...(options.runId ? { id: { not: options.runId } } : {}) },
  })
  if (busy) throw new AppError('CONFLICT', 'A sync of this partnership is already running', { details: { runId: busy.id } })
  // A run left "running" by a killed process: the next run resumes where it stopped, and says so.
  await prisma.syncRun.updateMany({
    where: { partnershipId, connectionId: connection.id, status: { in: ['running'] }, ...(options.runId ? { id: { not: options.runId } } : {}) },
    data: { status: 'failed', errorCode: 'INTERRUPTED', error: 'Interrupted (the process stopped); the next run resumed after the last committed page', finishedAt: new Date() },
  })
  if (options.full) {
    connection = await prisma.psaConnection.update({ where: { partnershipId }, data: { cursorUpdatedAt: null, cursorId: null, resume: Prisma.DbNull } })
  }
  const now = new Date()
  const runData = { status: 'running', startedAt: now, heartbeatAt: now, full: Boolean(options.full) }
  let run = options.runId
    ? await prisma.syncRun.update({ where: { id: options.runId, partnershipId }, data: runData })
    : await prisma.syncRun.create({ data: { ...runData, partnershipId, connectionId: connection.id, trigger: options.trigger ?? 'manual', jobId: options.jobId ?? null } })

  const cursorAt = connection.cursorUpdatedAt?.toISOString() ?? null
  const cursorId = connection.cursorId
  const stored = connection.resume as StoredResume | null
  let maxAt = stored?.maxAt ?? cursorAt
  let maxId = stored?.maxId ?? cursorId
  let rescan = stored?.rescan ?? false
  let holdAt = stored?.holdAt ?? null
  const hold = (at: string) => {
    if (!holdAt || at < holdAt) holdAt = at
  }
  const statusMap = (connection.statusMap ?? {}) as StatusMap
  const pauseStatuses = await policyPauseStatuses(partnershipId)
  const mapping = await loadPriorityMapping(partnershipId, connection.kind)
  for (const [name, priority] of Object.entries((connection.priorityMap ?? {}) as Record<string, 'P1' | 'P2' | 'P3' | 'P4'>)) mapping.set(name.toLowerCase(), priority)
  const rule = (connection.escalation ?? {}) as { queues?: string[]; statuses?: string[] }
  const companies = new Set(connection.companyIds)
  const reasons = [...((run.skippedReasons ?? []) as unknown as SkippedRecord[])]
  const connectionId = connection.id

  // Page N commits while page N+1 and its histories are read: commits stay in page order (each waits for the one
  // before), and a failed commit stops the run before the next page is committed.
  let committing: Promise<void> = Promise.resolve()
  const failure: { error?: unknown } = {}
  const settle = async () => {
    await committing
    if ('error' in failure) throw failure.error
  }

  try {
    const connector = connectorFor(connection, options.connector)
    // The status map changed since the last run: stored tickets get the new meaning from their kept histories first.
    if (connection.statusMapChangedAt) {
      await recomputeStoredStatuses(partnershipId, connection.kind, connector, statusMap, pauseStatuses)
      await prisma.psaConnection.updateMany({ where: { id: connectionId, partnershipId, statusMapChangedAt: connection.statusMapChangedAt }, data: { statusMapChangedAt: null } })
    }
    const pages = connector.listChangedTickets(connection.cursorUpdatedAt, stored?.position ?? null)[Symbol.asyncIterator]()
    // One page ahead: page N+1 is asked for before page N's histories, whose calls queue behind it (bulk).
    let ahead = pages.next()
    for (let step = await ahead; !step.done; step = await ahead) {
      ahead = pages.next()
      // Awaited on the next turn; a run stopped before then must not leave it unhandled.
      ahead.catch(() => {})
      const page = step.value
      if (options.signal?.aborted) throw new ConnectorError('NETWORK', 'the run was cancelled')
      if ('error' in failure) throw failure.error
      const skipped: SkippedRecord[] = [...page.skipped]
      const fresh: VendorTicket[] = []
      let alreadySynced = 0
      for (const t of page.tickets) {
        if (companies.size && (!t.clientExternalId || !companies.has(t.clientExternalId))) {
          skipped.push({ externalId: t.externalId, reason: `company ${t.clientExternalId ?? '(none)'} is not mapped to this partnership` })
        } else if (after(t.updatedAt, t.externalId, cursorAt, cursorId)) fresh.push(t)
        else alreadySynced++
      }
      const closed = fresh.filter((t) => t.closed).map((t) => t.externalId)
      // Histories only for the tickets whose last-updated moved past the cursor (fresh). The connector's HTTP limit
      // (Autotask: 3 in flight) bounds the requests as it bounds the ticket pages; HISTORY_CALLERS calls pending at
      // once keep its slots busy without holding a thousand pending calls for the length of the page.
      const [csatResults, rules, histories] = await Promise.all([
        closed.length ? connector.listSurveyResults(closed) : [],
        rulesFor(connector, fresh, statusMap, pauseStatuses),
        options.statusHistory === false ? fresh.map(() => ({ changes: [], unparsed: 0 })) : mapBounded(fresh, HISTORY_CALLERS, (t) => connector.listStatusHistory(t)),
      ])
      const csat = new Map(csatResults.map((s) => [s.ticketExternalId, s.csat]))
      const unparsed = histories.reduce((n, h) => n + h.unparsed, 0)
      const batch: NormalisedTicket[] = []
      for (let i = 0; i < fresh.length; i++) {
        const t = fresh[i]
        const history: StatusHistory = histories[i]
        const pauses = pausesFromHistory(history.changes, { createdAt: t.createdAt, initialStatus: t.status, waiting: rules.waiting })
        // Finished by the status map but no resolution time from the PSA: it finished when its history entered the
        // last stretch of resolved/closed statuses; unknown without that (the engine then never calls it past due).
        const lifecycle = lifecycleOf(t.status, t.closed, t.resolvedAt !== null, rules)
        const finished = lifecycle === 'resolved' || lifecycle === 'closed'
        const resolvedAt = t.resolvedAt ?? (finished ? completionFromHistory(history.changes, rules) : null)
        const key = t.priority.trim().toLowerCase()
        const leading = LEADING_PRIORITY.exec(key)
        if (!mapping.has(key) && leading) mapping.set(key, `P${leading[1]}` as 'P1' | 'P2' | 'P3' | 'P4')
        const parsed = ZTicketInput.safeParse({
          externalId: t.externalId,
          title: t.title.slice(0, 500),
          priority: t.priority,
          status: t.status.slice(0, 80),
          queue: t.queue?.slice(0, 120),
          assignee: t.assignee?.slice(0, 120),
          createdAt: t.createdAt,
          firstResponseAt: t.firstResponseAt,
          resolvedAt,
          pauses,
          escalated: escalated(t, rule),
          csat: csat.get(t.externalId) ?? null,
          vendorResponseMet: t.vendorResponseMet,
          vendorResolutionMet: t.vendorResolutionMet,
        })
        if (!parsed.success) {
          const issue = parsed.error.issues[0]
          skipped.push({ externalId: t.externalId, reason: `${issue.path.join('.')}: ${issue.message}` })
          hold(t.updatedAt)
          continue
        }
        try {
          const statusSource = options.statusHistory === false ? undefined : statusSourceOf(t, history.changes)
          batch.push(normaliseTicket(parsed.data, { mapping, zone: 'UTC', statuses: rules, closed: t.closed, statusSource, statusChanges: history.changes }))
        } catch (error) {
          if (!(error instanceof TicketFieldError)) throw error
          skipped.push({ externalId: t.externalId, reason: `${error.field}: ${error.message}` })
          hold(t.updatedAt)
          continue
        }
        if (after(t.updatedAt, t.externalId, maxAt, maxId)) {
          maxAt = t.updatedAt
          maxId = t.externalId
        }
      }
      rescan ||= Boolean(page.rescan)
      for (const s of skipped) if (reasons.length < MAX_REPORTED_SKIPS) reasons.push(s)
      const resume: StoredResume = { position: page.resume, maxAt, maxId, rescan, holdAt }
      const reported = [...reasons]
      await settle()
      const commit = async () => {
        run = await prisma.$transaction(
          async (tx) => {
            const counts = await upsertTicketBatch(tx, partnershipId, connection!.kind, batch)
            await tx.psaConnection.update({ where: { id: connectionId, partnershipId }, data: { resume: resume as unknown as Prisma.InputJsonValue } })
            return tx.syncRun.update({
              where: { id: run.id, partnershipId },
              data: {
                pages: { increment: 1 },
                fetched: { increment: page.tickets.length + page.skipped.length },
                inserted: { increment: counts.inserted },
                updated: { increment: counts.updated },
                unchanged: { increment: counts.unchanged + alreadySynced },
                skipped: { increment: skipped.length },
                histories: { increment: options.statusHistory === false ? 0 : histories.length },
                historyUnparsed: { increment: unparsed },
                skippedReasons: reported as unknown as Prisma.InputJsonValue,
                total: page.total ?? null,
                heartbeatAt: new Date(),
              },
            })
          },
          // The next page's history reads keep the event loop busy meanwhile: waiting for a connection is no failure.
          { timeout: 60_000, maxWait: 60_000 },
        )
        await options.onPage?.(run.pages, runView(run))
      }
      committing = commit().catch((error: unknown) => {
        failure.error = error
      })
    }
    await settle()
    // The configuration items and the write-back tickets, under the same connection: neither failing fails the
    // tickets (the run says why), since both are read whole on every run.
    const settings = (connection.settings ?? {}) as { assetCosts?: Record<string, number>; assetCurrency?: string }
    const extras: { assetsFetched: number; assetsChanged: number; assetError: string | null; linksRefreshed: number } = { assetsFetched: 0, assetsChanged: 0, assetError: null, linksRefreshed: 0 }
    try {
      const assets = await syncAssets(partnershipId, connection.kind, connector, { companies, costs: settings.assetCosts ?? {}, currency: settings.assetCurrency ?? 'USD' })
      extras.assetsFetched = assets.fetched
      extras.assetsChanged = assets.changed
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error
      extras.assetError = `${error.code}: ${error.message}`.slice(0, 2000)
    }
    try {
      extras.linksRefreshed = await refreshPsaTickets(partnershipId, connector)
    } catch (error) {
      if (!(error instanceof ConnectorError)) throw error
      extras.assetError = `${extras.assetError ? `${extras.assetError}; ` : ''}write-back: ${error.code}: ${error.message}`.slice(0, 2000)
    }
    // Done: the newest ticket seen becomes the cursor, unless the result set moved under the paging, in which
    // case the next run starts again from this run's lower bound (unchanged tickets cost nothing to re-read).
    // A ticket that could not be stored (an unknown priority, say) holds the cursor at its last-updated instant,
    // so the next run reads it again instead of passing it for good.
    const held = holdAt as string | null
    const keep = rescan ? { at: cursorAt, id: null } : held && (!maxAt || held <= maxAt) ? { at: held, id: null } : { at: maxAt, id: maxId }
    const cursorAfter = keep.at ? { updatedAt: keep.at, id: keep.id } : null
    run = await prisma.$transaction(async (tx) => {
      await tx.psaConnection.update({
        where: { id: connectionId, partnershipId },
        data: { cursorUpdatedAt: keep.at ? new Date(keep.at) : null, cursorId: keep.id, resume: Prisma.DbNull },
      })
      return tx.syncRun.update({ where: { id: run.id, partnershipId }, data: { status: 'succeeded', finishedAt: new Date(), heartbeatAt: new Date(), cursorAfter: cursorAfter ?? Prisma.DbNull, ...extras } })
    })
  } catch (caught) {
    // A page read failing while the page before commits: that commit ends first, and its failure is the cause.
    await committing
    const error = 'error' in failure ? failure.error : caught
    const known = error instanceof ConnectorError ? error : null
    if (!known && !(error instanceof Error)) throw error
    // The pages lost records the PSA counted: the resume position may be past one of them, so the next run
    // starts again from the cursor, which never moved.
    if (known?.code === 'INCOMPLETE') await prisma.psaConnection.update({ where: { id: connectionId, partnershipId }, data: { resume: Prisma.DbNull } })
    run = await prisma.syncRun.update({
      where: { id: run.id, partnershipId },
      data: { status: 'failed', finishedAt: new Date(), errorCode: known?.code ?? 'INTERNAL', error: (error as Error).message.slice(0, 2000) },
    })
    if (!known && !(error instanceof AbortError)) throw error
  }
  return runView(run)
}

/** Thrown by an `onPage` hook to stop a run as a crash would (tests); the run is marked failed. */
export class AbortError extends Error {
  override name = 'AbortError'
}
