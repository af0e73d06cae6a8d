// Issue 14 §1: two instances (two processes, each with its own caches) on one PostgreSQL database agree within
// 100 ms. A write on A is published after its commit; B drops what depended on it. Without that, B would answer
// from its caches for their TTL (1–2 s), which these bounds catch. PostgreSQL tier only (vitest.config.ts).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { LISTENER_APP_NAME } from '../../server/cache/cross-instance.server.ts'
import { db } from '../../server/db/client.server.ts'
import { TEST_PASSWORD, createPartnershipGraph } from '../helpers/factories.ts'
import { signIn, trpc } from '../helpers/http.ts'
import { type Instance, startInstance } from '../helpers/instances.ts'

const WINDOW_MS = 100
let a: Instance
let b: Instance

beforeAll(async () => {
  ;[a, b] = await Promise.all([startInstance(), startInstance()])
}, 90_000)
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
})

let graph: Awaited<ReturnType<typeof createPartnershipGraph>>
let admin: { cookie: string }
let engineer: { cookie: string }
let engineerId: string

beforeEach(async () => {
  graph = await createPartnershipGraph()
  const prisma = await db()
  const user = await prisma.user.create({
    data: { email: `eng-${graph.partnership.slug}@test.example`, name: 'Engineer', passwordHash: (await prisma.user.findUniqueOrThrow({ where: { id: graph.mspUser.id } })).passwordHash },
  })
  await prisma.membership.create({ data: { organizationId: graph.msp.id, userId: user.id, role: 'MSP_ENGINEER' } })
  engineerId = user.id
  ;[admin, engineer] = await Promise.all([signIn(a.url, graph.mspUser.email, TEST_PASSWORD), signIn(a.url, user.email, TEST_PASSWORD)])
})

/**
 * How long after `since` B still answered the old way: the start of the first request that saw the new state.
 * Infinity if it never did within 3 s (beyond every cache's TTL, so a bug shows as a number, not a hang).
 */
async function staleFor(since: number, seesNewState: () => Promise<boolean>): Promise<number> {
  for (;;) {
    const started = performance.now()
    if (await seesNewState()) return started - since
    if (started - since > 3_000) return Infinity
  }
}

const slug = () => graph.partnership.slug
const roadmapOnB = (who: { cookie: string }) => trpc(b.url, who, 'query', 'roadmap.list', { slug: slug() })

it('a member removed on A is refused on B within 100 ms', async () => {
  expect((await roadmapOnB(engineer)).status).toBe(200)
  expect((await trpc(a.url, admin, 'mutation', 'org.removeMember', { org: graph.msp.slug, userId: engineerId })).status).toBe(200)
  const since = performance.now()
  expect(await staleFor(since, async () => (await roadmapOnB(engineer)).status === 404)).toBeLessThan(WINDOW_MS)
})

it('a role lowered on A is refused on B within 100 ms', async () => {
  const status = () => trpc(b.url, engineer, 'query', 'connector.status', { slug: slug() })
  expect((await status()).status).toBe(200)
  expect((await trpc(a.url, admin, 'mutation', 'org.updateMemberRole', { org: graph.msp.slug, userId: engineerId, role: 'VIEWER' })).status).toBe(200)
  const since = performance.now()
  expect(await staleFor(since, async () => (await status()).status === 403)).toBeLessThan(WINDOW_MS)
})

it('a roadmap item created on A is listed by B within 100 ms; a session signed out on A is refused by B within 100 ms', async () => {
  expect(JSON.stringify((await roadmapOnB(engineer)).body)).not.toContain('Seen on B')
  const created = await trpc(a.url, engineer, 'mutation', 'roadmap.create', { slug: slug(), title: 'Seen on B', status: 'PROPOSED', targetQuarter: '2027-Q1' })
  expect(created.status).toBe(200)
  const since = performance.now()
  expect(await staleFor(since, async () => JSON.stringify((await roadmapOnB(engineer)).body).includes('Seen on B'))).toBeLessThan(WINDOW_MS)

  expect((await trpc(b.url, engineer, 'query', 'me')).status).toBe(200)
  const out = await fetch(`${a.url}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: engineer.cookie, Origin: a.url } })
  expect(out.status).toBe(302)
  const signedOut = performance.now()
  expect(await staleFor(signedOut, async () => (await trpc(b.url, engineer, 'query', 'me')).status === 401)).toBeLessThan(WINDOW_MS)
})

it('an instance whose listener connection is cut drops its caches at once, reconnects, and hears the others again', async () => {
  const prisma = await db()
  const listenerOfB = async () =>
    (await prisma.$queryRaw<Array<{ pid: number }>>`SELECT pid FROM pg_stat_activity WHERE application_name = ${`${LISTENER_APP_NAME} ${b.pid}`}`).map((r) => r.pid)
  const [before] = await listenerOfB()
  expect(before).toBeTypeOf('number')
  expect((await roadmapOnB(engineer)).status).toBe(200)
  // Removed behind every instance's back (this process publishes nothing): B still answers from its cache...
  await prisma.membership.deleteMany({ where: { userId: engineerId } })
  expect((await roadmapOnB(engineer)).status).toBe(200)
  // ...until its listener's connection is cut (as a database restart would): then it drops what it held.
  await prisma.$queryRaw`SELECT pg_terminate_backend(${before}::int)`
  const cut = performance.now()
  expect(await staleFor(cut, async () => (await roadmapOnB(engineer)).status === 404)).toBeLessThan(WINDOW_MS)

  await expect.poll(async () => (await listenerOfB()).filter((pid) => pid !== before).length, { timeout: 10_000, interval: 20 }).toBe(1)
  expect((await roadmapOnB(admin)).status).toBe(200)
  const created = await trpc(a.url, admin, 'mutation', 'roadmap.create', { slug: slug(), title: 'After the reconnect', status: 'PROPOSED', targetQuarter: '2027-Q1' })
  expect(created.status).toBe(200)
  const since = performance.now()
  expect(await staleFor(since, async () => JSON.stringify((await roadmapOnB(admin)).body).includes('After the reconnect'))).toBeLessThan(WINDOW_MS)
})
