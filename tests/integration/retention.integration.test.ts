// Issue 14 §1: finished jobs, finished sync runs, outbox rows and expired sessions go once past their age; what
// is still in use (a queued job, a connection's latest run, a live session) and every pack version stay.
import { expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { pruneOldRows } from '../../server/jobs/retention.server.ts'
import { parseRetentionEnv } from '../../server/jobs/retention-config.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const DAY = 86_400_000

it('prunes each kind past its configured age and keeps the rest, pack versions whatever their age', async () => {
  const now = new Date('2027-03-01T00:00:00Z')
  const ago = (days: number) => new Date(now.getTime() - days * DAY)
  const prisma = await db()
  const { partnership, mspUser } = await createPartnershipGraph()
  const connection = await prisma.psaConnection.create({ data: { partnershipId: partnership.id, kind: 'connectwise', credentials: 'x', credentialHint: 'x', companyIds: [] } })

  const job = (status: string, finishedDaysAgo: number | null, label: string) =>
    prisma.job.create({ data: { kind: label, status, createdAt: ago(400), finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo) } })
  await Promise.all([job('succeeded', 31, 'old-ok'), job('failed', 31, 'old-failed'), job('succeeded', 29, 'recent'), job('queued', null, 'waiting')])
  const run = (status: string, daysAgo: number, label: string) =>
    prisma.syncRun.create({ data: { partnershipId: partnership.id, connectionId: connection.id, trigger: label, status, createdAt: ago(daysAgo), finishedAt: ago(daysAgo) } })
  await run('succeeded', 90, 'old')
  await run('failed', 60, 'old-failed')
  await run('succeeded', 45, 'latest')
  const mail = (daysAgo: number, status: string) =>
    prisma.outboxMessage.create({ data: { kind: 'test', to: 'a@test.example', subject: 's', text: 't', html: 'h', status, createdAt: ago(daysAgo) } })
  await Promise.all([mail(31, 'OUTBOX'), mail(31, 'FAILED'), mail(1, 'OUTBOX')])
  const session = (id: string, expiredDaysAgo: number) => prisma.session.create({ data: { id, userId: mspUser.id, expiresAt: ago(expiredDaysAgo) } })
  await Promise.all([session('long-expired', 8), session('just-expired', 6), session('live', -10)])
  await prisma.packVersion.create({
    data: { partnershipId: partnership.id, quarter: '2024-Q1', version: 1, asOf: ago(1000), generatedAt: ago(1000), generatedByLabel: 'test', sha256: '0', byteSize: 1, pages: 1, snapshot: {}, pdf: Buffer.from('%PDF') },
  })

  const retention = parseRetentionEnv({ RETENTION_SESSION_DAYS: '7' })
  expect(retention).toEqual({ RETENTION_JOB_DAYS: 30, RETENTION_SYNC_RUN_DAYS: 30, RETENTION_OUTBOX_DAYS: 30, RETENTION_SESSION_DAYS: 7 })
  expect(await pruneOldRows(retention, now)).toEqual({ jobs: 2, syncRuns: 2, outbox: 2, sessions: 1, webhookDeliveries: 0 })

  expect((await prisma.job.findMany({ orderBy: { kind: 'asc' } })).map((j) => j.kind)).toEqual(['recent', 'waiting'])
  expect((await prisma.syncRun.findMany()).map((r) => r.trigger)).toEqual(['latest'])
  expect(await prisma.outboxMessage.count()).toBe(1)
  expect((await prisma.session.findMany({ orderBy: { id: 'asc' } })).map((s) => s.id)).toEqual(['just-expired', 'live'])
  expect(await prisma.packVersion.count()).toBe(1)
  // A second prune finds nothing more.
  expect(await pruneOldRows(retention, now)).toEqual({ jobs: 0, syncRuns: 0, outbox: 0, sessions: 0, webhookDeliveries: 0 })
})

it('refuses a retention that is not a whole number of days, naming the variable', () => {
  expect(() => parseRetentionEnv({ RETENTION_JOB_DAYS: 'forever' })).toThrow(/RETENTION_JOB_DAYS: /)
  expect(() => parseRetentionEnv({ RETENTION_OUTBOX_DAYS: '0' })).toThrow(/RETENTION_OUTBOX_DAYS: /)
})
