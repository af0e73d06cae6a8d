// Issue 13, D19: a job whose worker was killed must not hold its key (a pack's regeneration) for the old
// 5-minute lease. A live worker beats while it works; a job without a beat for 30 s is taken as lost.
import { afterEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { JOB_LEASE_MS, claimJob, enqueueJob, registerJobHandler, runClaimedJob } from '../../server/jobs/jobs.server.ts'

const quiet = { warn: () => {} }
let release: () => void = () => {}
afterEach(() => release())

it('a running job whose worker stopped beating 31 s ago is lost: a new request for its key gets a new job, and a worker may claim it', async () => {
  registerJobHandler('test.dead', async () => null)
  const { job } = await enqueueJob('test.dead', {}, { singletonKey: 'pack:x:2026-Q3' })
  const claimed = await claimJob('worker-killed', ['test.dead'])
  expect(claimed?.id).toBe(job.id)
  const prisma = await db()
  // Within the lease the key is held.
  expect((await enqueueJob('test.dead', {}, { singletonKey: 'pack:x:2026-Q3' })).created).toBe(false)
  await prisma.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 31_000) } })
  expect(JOB_LEASE_MS).toBeLessThanOrEqual(30_000)
  const again = await enqueueJob('test.dead', {}, { singletonKey: 'pack:x:2026-Q3' })
  expect(again.created).toBe(true)
  expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'failed', error: 'the worker stopped (no heartbeat)' })
})

it('a worker that has not beaten for 31 s loses its job to another worker', async () => {
  registerJobHandler('test.reclaim', async () => null)
  const { job } = await enqueueJob('test.reclaim', {})
  await claimJob('worker-killed', ['test.reclaim'])
  const prisma = await db()
  expect(await claimJob('worker-2', ['test.reclaim'])).toBeNull()
  await prisma.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 31_000) } })
  expect((await claimJob('worker-2', ['test.reclaim']))?.id).toBe(job.id)
})

it('a live worker beats while its handler runs, without reporting progress', async () => {
  const gate = new Promise<void>((resolve) => (release = resolve))
  registerJobHandler('test.slow', async () => {
    await gate
    return null
  })
  const { job } = await enqueueJob('test.slow', {})
  const claimed = await claimJob('worker-live', ['test.slow'])
  const prisma = await db()
  await prisma.job.update({ where: { id: job.id }, data: { heartbeatAt: new Date(Date.now() - 25_000) } })
  const running = runClaimedJob(claimed!, { log: quiet, heartbeatMs: 50 })
  await expect
    .poll(async () => (await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).heartbeatAt!.getTime(), { timeout: 5_000, interval: 50 })
    .toBeGreaterThan(Date.now() - 5_000)
  release()
  expect(await running).toMatchObject({ status: 'succeeded' })
})
