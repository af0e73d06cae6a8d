// Issue 14 §1: the job table keeps instances in step. Keys are unique indexes (two enqueues at once make one job),
// a schedule's period is one job however many runners tick, and a dead worker's job is taken over within 30 s.
// On PostgreSQL the Promise.all calls below run on separate connections at once; on PGlite they run one by one.
import { afterEach, expect, it } from 'vitest'
import { enqueueDueSyncs } from '../../server/connectors/sync-jobs.server.ts'
import { db } from '../../server/db/client.server.ts'
import {
  JOB_LEASE_MS,
  JOB_POLL_MS,
  type Schedule,
  claimJob,
  enqueueJob,
  registerJobHandler,
  scheduleJobKind,
  schedulePeriodKey,
  startJobRunner,
  tickSchedules,
} from '../../server/jobs/jobs.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const quiet = { warn: () => {} }
const runners: Array<ReturnType<typeof startJobRunner>> = []
afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()))
})

it('five enqueues of one key at once make one job, and all five get it; so do two schedules of a due sync', async () => {
  const results = await Promise.all(Array.from({ length: 5 }, () => enqueueJob('test.single', {}, { singletonKey: 'pack:p:2027-Q1' })))
  expect(results.filter((r) => r.created)).toHaveLength(1)
  expect(new Set(results.map((r) => r.job.id)).size).toBe(1)
  const prisma = await db()
  expect(await prisma.job.count({ where: { kind: 'test.single' } })).toBe(1)

  const { partnership } = await createPartnershipGraph()
  await prisma.psaConnection.create({ data: { partnershipId: partnership.id, kind: 'connectwise', credentials: 'x', credentialHint: 'x', companyIds: [] } })
  const queued = await Promise.all([enqueueDueSyncs(), enqueueDueSyncs()])
  expect(queued.reduce((a, b) => a + b, 0)).toBe(1)
  expect(await prisma.job.count({ where: { kind: 'psa.sync' } })).toBe(1)
  // The losing enqueue's run is gone; the one left is the job's.
  const job = await prisma.job.findFirstOrThrow({ where: { kind: 'psa.sync' } })
  expect(await prisma.syncRun.findMany({ select: { id: true, jobId: true } })).toEqual([{ id: (job.payload as { runId: string }).runId, jobId: job.id }])
})

it('two runners ticking at once queue one job per period and run the schedule once', async () => {
  let runs = 0
  const schedule: Schedule = { name: 'test.tick', everyMs: 60 * 60_000, run: async () => ++runs }
  const now = Date.now()
  const ticks = await Promise.all([tickSchedules([schedule], now), tickSchedules([schedule], now)])
  expect(ticks.flat()).toHaveLength(1)
  expect(ticks.flat()[0].periodKey).toBe(schedulePeriodKey(schedule, now))

  runners.push(startJobRunner({ pollMs: 20, schedules: [schedule], log: quiet }), startJobRunner({ pollMs: 20, schedules: [schedule], log: quiet }))
  const prisma = await db()
  await expect.poll(() => prisma.job.count({ where: { kind: scheduleJobKind('test.tick'), status: 'succeeded' } }), { timeout: 10_000, interval: 20 }).toBe(1)
  await Promise.all(runners.splice(0).map((r) => r.stop()))
  expect(runs).toBe(1)
  expect(await prisma.job.count({ where: { kind: scheduleJobKind('test.tick') } })).toBe(1)
})

it('a job whose worker died is run by another runner within 30 s of its last heartbeat; a live one is left alone', async () => {
  expect(JOB_LEASE_MS + JOB_POLL_MS).toBeLessThanOrEqual(30_000)
  const ran: string[] = []
  registerJobHandler('test.orphan', async (job) => {
    ran.push(job.lockedBy!)
    return null
  })
  const prisma = await db()
  const { job } = await enqueueJob('test.orphan', {})
  expect((await claimJob('worker-that-dies', ['test.orphan']))?.id).toBe(job.id)
  // Last beat just inside the lease: alive, nobody takes it.
  await prisma.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - JOB_LEASE_MS + 5_000) } })
  expect(await claimJob('worker-2', ['test.orphan'])).toBeNull()
  // Last beat just past it: two live runners race for it, one runs it once.
  await prisma.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - JOB_LEASE_MS - 1_000) } })
  runners.push(startJobRunner({ pollMs: 20, log: quiet }), startJobRunner({ pollMs: 20, log: quiet }))
  await expect.poll(async () => (await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status, { timeout: 10_000, interval: 20 }).toBe('succeeded')
  expect(ran).toHaveLength(1)
  expect(runners.map((r) => r.workerId)).toContain(ran[0])
  expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).attempts).toBe(2)
})
