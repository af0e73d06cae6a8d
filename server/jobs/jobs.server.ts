// A small durable job queue on the application's own database (PGlite or PostgreSQL): jobs are rows, claimed
// with FOR UPDATE SKIP LOCKED so several workers (or processes on PostgreSQL) never run one job twice; a job
// whose worker stopped heart-beating is claimed again. docs/decisions/006-psa-connectors.md says why not pg-boss.
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { db } from '../db/client.server.ts'
import type { Job, Prisma } from '../db/generated/client.ts'
import { logger } from '../observability/logger.server.ts'
import { metrics } from '../observability/metrics.server.ts'
import { currentRequestId, runWithRequest } from '../observability/request-context.ts'

export interface JobContext {
  /** Persists progress on the job row (and counts as a heartbeat). */
  progress(value: Record<string, unknown>): Promise<void>
  signal: AbortSignal
}

export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown>

const handlers = new Map<string, JobHandler>()
/** The runners of this process, woken by an enqueue here so that a job asked for from a page starts at once. */
const runners = new Set<{ poke(): void }>()

export function registerJobHandler(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler)
}

export interface EnqueueOptions {
  partnershipId?: string | null
  /** At most one queued or running job with this key: an enqueue while one exists returns that one. */
  singletonKey?: string
  /** At most one job with this key ever (a schedule's period): an enqueue when one exists returns that one. */
  periodKey?: string
  runAt?: Date
  maxAttempts?: number
}

/**
 * Queues a job. The keys are held by unique indexes (a partial one for singletonKey), not by a look first: two
 * enqueues at once, in one instance or two, insert one row, and the other gets that row (issue 14 §1).
 */
export async function enqueueJob(kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<{ job: Job; created: boolean }> {
  const prisma = await db()
  const data = {
    kind,
    payload: withRequestId(payload) as Prisma.InputJsonValue,
    partnershipId: options.partnershipId ?? null,
    singletonKey: options.singletonKey ?? null,
    periodKey: options.periodKey ?? null,
    runAt: options.runAt ?? new Date(),
    maxAttempts: options.maxAttempts ?? 1,
  }
  // A few rounds at most: the holder of the key may finish (or be found lost) between the insert and the look.
  for (let round = 0; round < 5; round++) {
    // ON CONFLICT DO NOTHING: a held key inserts nothing, without an error that would end a transaction.
    const [job] = await prisma.job.createManyAndReturn({ data: [data], skipDuplicates: true })
    if (job) {
      for (const runner of runners) runner.poke()
      return { job, created: true }
    }
    const existing = await prisma.job.findFirst({
      where: options.periodKey ? { periodKey: options.periodKey } : { singletonKey: options.singletonKey, status: { in: ['queued', 'running'] } },
    })
    if (!existing) continue
    if (!options.periodKey && isLost(existing)) {
      // Its worker died (no heartbeat within the lease): it no longer holds the key (issue 13, D19).
      await prisma.job.updateMany({
        where: { id: existing.id, status: 'running', lockedBy: existing.lockedBy },
        data: { status: 'failed', error: 'the worker stopped (no heartbeat)', finishedAt: new Date() },
      })
      continue
    }
    return { job: existing, created: false }
  }
  throw new Error(`job ${kind}: its key changed hands too often to enqueue`)
}

/** The enqueuing request's id rides in the payload, so the job's log lines name the request that asked for it. */
function withRequestId(payload: Record<string, unknown>): Record<string, unknown> {
  const requestId = currentRequestId()
  return requestId && payload.requestId === undefined ? { ...payload, requestId } : payload
}

export const jobRequestId = (job: Pick<Job, 'payload'>): string | undefined => {
  const value = (job.payload as { requestId?: unknown } | null)?.requestId
  return typeof value === 'string' ? value : undefined
}

/**
 * A running job whose heartbeat is older than this is taken to have lost its worker (issue 13, D19: a killed
 * worker must not block a pack's regeneration for long). A live worker beats every JOB_HEARTBEAT_MS. Another
 * runner claims it at its next poll: within JOB_LEASE_MS + JOB_POLL_MS = 27 s of the last beat (issue 14: 30 s).
 */
export const JOB_LEASE_MS = 25_000
export const JOB_HEARTBEAT_MS = 5_000
export const JOB_POLL_MS = 2_000

const isLost = (job: Pick<Job, 'status' | 'heartbeatAt'>, now = Date.now()) =>
  job.status === 'running' && (!job.heartbeatAt || job.heartbeatAt.getTime() < now - JOB_LEASE_MS)

/** Claims the next due job (or one whose worker died), or null. */
export async function claimJob(workerId: string, kinds: readonly string[] = [...handlers.keys()]): Promise<Job | null> {
  if (kinds.length === 0) return null
  const prisma = await db()
  const rows = await prisma.$queryRawUnsafe<Array<{ id: string }>>(
    `UPDATE "Job" SET "status" = 'running', "attempts" = "attempts" + 1, "lockedBy" = $1,
        "startedAt" = now() AT TIME ZONE 'UTC', "heartbeatAt" = now() AT TIME ZONE 'UTC'
      WHERE "id" = (
        SELECT "id" FROM "Job"
         WHERE "kind" = ANY($2::text[])
           AND (("status" = 'queued' AND "runAt" <= now() AT TIME ZONE 'UTC')
             OR ("status" = 'running' AND "heartbeatAt" < (now() AT TIME ZONE 'UTC') - make_interval(secs => $3::int)))
         ORDER BY "runAt", "createdAt"
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
      RETURNING "id"`,
    workerId,
    kinds,
    Math.round(JOB_LEASE_MS / 1000),
  )
  return rows[0] ? prisma.job.findUnique({ where: { id: rows[0].id } }) : null
}

export interface Logger {
  warn(message: string): void
  info?(message: string): void
}

const jobLog: Logger = { warn: (message) => logger().warn(message), info: (message) => logger().info(message) }

/** Runs one claimed job to its end: succeeded, failed, or queued again with a back-off while attempts remain. */
export async function runClaimedJob(job: Job, options: { log?: Logger; signal?: AbortSignal; heartbeatMs?: number } = {}): Promise<Job> {
  const prisma = await db()
  const handler = handlers.get(job.kind)
  const where = { id: job.id, lockedBy: job.lockedBy }
  // The heartbeat runs on a timer, apart from progress, so a long step without progress still proves the worker alive.
  const heartbeat = setInterval(() => {
    prisma.job.updateMany({ where: { ...where, status: 'running' }, data: { heartbeatAt: new Date() } }).catch((error: unknown) => {
      ;(options.log ?? jobLog).warn(`job ${job.kind} ${job.id}: heartbeat failed: ${error instanceof Error ? error.message : String(error)}`)
    })
  }, options.heartbeatMs ?? JOB_HEARTBEAT_MS)
  heartbeat.unref()
  const ctx: JobContext = {
    signal: options.signal ?? new AbortController().signal,
    async progress(value) {
      await prisma.job.updateMany({ where, data: { progress: value as Prisma.InputJsonValue, heartbeatAt: new Date() } })
    },
  }
  const started = performance.now()
  let outcome = 'succeeded'
  try {
    if (!handler) throw new Error(`no handler for job kind "${job.kind}"`)
    const requestId = jobRequestId(job)
    const result = await (requestId ? runWithRequest({ requestId }, () => handler(job, ctx)) : handler(job, ctx))
    await prisma.job.updateMany({ where, data: { status: 'succeeded', finishedAt: new Date(), result: (result ?? null) as Prisma.InputJsonValue } })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const retry = job.attempts < job.maxAttempts
    outcome = retry ? 'retry' : 'failed'
    ;(options.log ?? jobLog).warn(`job ${job.kind} ${job.id} failed (attempt ${job.attempts} of ${job.maxAttempts}): ${message}`)
    await prisma.job.updateMany({
      where,
      data: retry
        ? { status: 'queued', error: message, runAt: new Date(Date.now() + 30_000 * 2 ** (job.attempts - 1)), lockedBy: null }
        : { status: 'failed', error: message, finishedAt: new Date() },
    })
  } finally {
    clearInterval(heartbeat)
    metrics().jobDuration.observe({ kind: job.kind, status: outcome }, (performance.now() - started) / 1000)
  }
  return prisma.job.findUniqueOrThrow({ where: { id: job.id } })
}

/**
 * For work that reports progress through a callback it does not await (the pack's `onProgress`): the values are
 * written in order, one write at a time, the latest replacing any not yet written. Progress is advisory (the
 * runner writes the outcome), so a failed write is logged, never thrown; `flush()` waits for the last one.
 */
export function progressWriter(ctx: JobContext, log: Logger = console) {
  let pending: Record<string, unknown> | null = null
  let writing: Promise<void> | null = null
  const pump = async () => {
    while (pending) {
      const value = pending
      pending = null
      await ctx.progress(value).catch((error: unknown) => log.warn(`job progress not saved: ${error instanceof Error ? error.message : String(error)}`))
    }
    writing = null
  }
  return {
    report(value: Record<string, unknown>) {
      pending = value
      writing ??= pump()
    },
    flush: async () => {
      await writing
    },
  }
}

/** Claims and runs due jobs until none is left (tests, the CLI); returns how many ran. */
export async function drainJobs(options: { workerId?: string; log?: Logger } = {}): Promise<number> {
  const workerId = options.workerId ?? `drain-${randomUUID()}`
  let count = 0
  for (let job = await claimJob(workerId); job; job = await claimJob(workerId)) {
    await runClaimedJob(job, options)
    count++
  }
  return count
}

/** Whether this process runs a job runner (readiness). */
export const jobRunnerRunning = () => runners.size > 0

/**
 * Gives back the jobs a stopping worker still holds, so another instance claims them at once instead of after
 * the lease (a shutdown whose grace ran out before the job finished). The attempt does not count.
 */
export async function releaseJobs(workerId: string): Promise<number> {
  const prisma = await db()
  const { count } = await prisma.job.updateMany({
    where: { lockedBy: workerId, status: 'running' },
    data: { status: 'queued', lockedBy: null, heartbeatAt: null, attempts: { decrement: 1 } },
  })
  if (count) logger().info({ workerId, count }, 'released the jobs of a stopping worker')
  return count
}

export interface Schedule {
  name: string
  everyMs: number
  run: () => Promise<unknown>
}

/** Instances look this often (or every period, if shorter) whether a schedule's period has its job yet. */
export const SCHEDULE_TICK_MS = 30_000

export const scheduleJobKind = (name: string) => `schedule:${name}`

/** The period `now` falls in, aligned to the epoch, so every instance names it alike: `sla.alerts@2026-…Z`. */
export function schedulePeriodKey(schedule: Pick<Schedule, 'name' | 'everyMs'>, now = Date.now()): string {
  return `${schedule.name}@${new Date(Math.floor(now / schedule.everyMs) * schedule.everyMs).toISOString()}`
}

/** Each schedule runs as a job of its own kind (a dead worker's run is claimed again, as any job's). */
export function registerSchedules(schedules: readonly Schedule[]): void {
  for (const s of schedules) {
    registerJobHandler(scheduleJobKind(s.name), async () => JSON.parse(JSON.stringify((await s.run()) ?? null)) as unknown)
  }
}

/**
 * Queues each schedule's job for the current period unless one exists (the job table's unique periodKey):
 * however many instances tick at once, a period has one job (issue 14 §1). Returns the jobs this call created.
 */
export async function tickSchedules(schedules: readonly Schedule[], now = Date.now()): Promise<Job[]> {
  const created: Job[] = []
  for (const s of schedules) {
    const { job, created: isNew } = await enqueueJob(scheduleJobKind(s.name), { period: schedulePeriodKey(s, now) }, { periodKey: schedulePeriodKey(s, now) })
    if (isNew) created.push(job)
  }
  return created
}

/**
 * The in-process worker: polls for jobs, runs one at a time, and ticks the schedules: a schedule's period job is
 * run by the instance that claims it first, beside the job loop, so a long pack does not hold the alerts back.
 * `stop()` lets the job in hand finish its current step (handlers see `signal`) and resolves when the loop and the
 * schedules' runs have ended.
 */
export function startJobRunner(options: { pollMs?: number; schedules?: Schedule[]; log?: Logger } = {}) {
  const workerId = `worker-${process.pid}-${randomUUID().slice(0, 8)}`
  const controller = new AbortController()
  const log = options.log ?? console
  const schedules = options.schedules ?? []
  registerSchedules(schedules)
  const ticking = new Map<string, Promise<void>>()
  const timers = schedules.map((s) => {
    const tick = async () => {
      await tickSchedules([s])
      for (let job = await claimJob(workerId, [scheduleJobKind(s.name)]); job && !controller.signal.aborted; job = await claimJob(workerId, [scheduleJobKind(s.name)])) {
        await runClaimedJob(job, { log, signal: controller.signal })
      }
    }
    const fire = () => {
      // One tick of a schedule at a time in this instance: a slow run is not overtaken by the next tick.
      if (ticking.has(s.name) || controller.signal.aborted) return
      const running = tick()
        .catch((error: unknown) => log.warn(`schedule ${s.name} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => ticking.delete(s.name))
      ticking.set(s.name, running)
    }
    fire()
    return setInterval(fire, Math.min(s.everyMs, SCHEDULE_TICK_MS))
  })
  let wake: (() => void) | null = null
  // Set by a poke that came while no one was waiting (mid-claim): the loop looks again instead of sleeping.
  let poked = false
  const loop = (async () => {
    while (!controller.signal.aborted) {
      let job: Job | null = null
      poked = false
      try {
        job = await claimJob(workerId)
        if (job) await runClaimedJob(job, { log, signal: controller.signal })
      } catch (error) {
        log.warn(`job runner: ${error instanceof Error ? error.message : String(error)}`)
      }
      if (!job && !controller.signal.aborted && !poked) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, options.pollMs ?? JOB_POLL_MS)
          wake = () => {
            clearTimeout(t)
            resolve()
          }
        })
        wake = null
      }
    }
  })()
  const runner = {
    workerId,
    /** Looks for work now rather than at the next poll (enqueueJob in this process calls it). */
    poke() {
      poked = true
      wake?.()
    },
    async stop() {
      runners.delete(runner)
      controller.abort()
      for (const t of timers) clearInterval(t)
      wake?.()
      await Promise.all([loop, ...ticking.values()])
    },
  }
  runners.add(runner)
  return runner
}
