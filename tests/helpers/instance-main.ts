// One Accord instance in a process of its own, for the two-instance tests (tests/helpers/instances.ts): the real
// HTTP stack over DATABASE_URL, with the cross-instance caches started as server/main.ts starts them. Prints
// `READY <url>` once it listens; SIGTERM stops it.
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { startCrossInstanceCaches } from '../../server/cache/cross-instance.server.ts'
import { parseDatabaseUrl } from '../../server/db/config.ts'
import { closeDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { createApp } from '../../server/http/app.server.ts'
import { registerJobHandlers } from '../../server/jobs/register-jobs.server.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

const database = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL), { maxConnections: 4 })
setDatabase(database)
const caches = await startCrossInstanceCaches(database, { log: { warn: (m) => process.stderr.write(`${m}\n`) } })
registerJobHandlers()
const build = (await import(pathToFileURL(path.join(ROOT, 'build/index.js')).href)) as ServerBuild
const server = createApp(build, { root: ROOT }).listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`)
})
server.keepAliveTimeout = 120_000
process.on('SIGTERM', () => {
  server.closeAllConnections()
  server.close()
  void (async () => {
    await caches?.stop()
    await closeDatabase()
    process.exit(0)
  })()
})
