// Issue 13, D10: the sign-in limits are kept in PostgreSQL when the database is PostgreSQL, so two instances on one
// database count one account's attempts together; on the embedded database (one process) they stay in memory.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { limiterStoreName } from '../../server/auth/limiter-store.server.ts'
import { ACCOUNT_LIMIT } from '../../server/auth/rate-limit.server.ts'
import { getDatabase } from '../../server/db/client.server.ts'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'
import { seedDemo } from '../helpers/factories.ts'
import { postLogin } from '../helpers/http.ts'
import { type TestServer, startServerProcess } from '../helpers/server.ts'

const database = await getDatabase()
const onPostgres = database.config.kind === 'postgres'

it('keeps the counters where the database says', () => {
  expect(limiterStoreName(database)).toBe(onPostgres ? 'PostgreSQL (shared by every instance)' : 'process memory (embedded database: one process)')
})

describe.skipIf(!onPostgres)('two instances on one PostgreSQL database', () => {
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    const url = database.config.kind === 'postgres' ? database.config.url : ''
    ;[a, b] = await Promise.all([startServerProcess(url), startServerProcess(url)])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
  })
  beforeEach(() => seedDemo())

  it('share one per-account limit: wrong passwords spread over both lock the account on both', async () => {
    const email = 'chris@contoso.example'
    const wrong = (server: TestServer, i: number) => postLogin(server.url, { email, password: `wrong-password-${i}` })
    // The limit's worth of wrong passwords, split between the instances; each alone saw fewer than the limit.
    for (let i = 0; i < ACCOUNT_LIMIT.points; i++) expect((await wrong(i % 2 ? b : a, i)).status).not.toBe(302)
    for (const server of [a, b]) {
      const right = await postLogin(server.url, { email, password: DEMO_PASSWORD })
      expect(right.status).toBe(429)
    }
  })
})
