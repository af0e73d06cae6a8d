import type { Server } from 'node:http'
import type { Logger } from 'pino'
import { setDraining } from './health.server.ts'

export interface Stoppable {
  workerId: string
  stop(): Promise<void>
}

/**
 * A graceful stop (SIGTERM from systemd or an orchestrator, SIGINT from a terminal), within `graceMs`:
 * 1. /readyz answers 503 and the listener closes: no new connection is accepted, idle keep-alive ones are closed;
 *    requests in flight run to their end.
 * 2. At the same time the job runner claims no more jobs; the job in hand finishes, or, when the grace runs out,
 *    its lease is given back (`release`) so another instance takes it at once.
 * 3. Connections still open when the grace runs out are cut; then the database is closed.
 */
export async function gracefulShutdown(options: {
  server: Server | undefined
  runner: Stoppable | undefined
  graceMs: number
  log: Logger
  release(workerId: string): Promise<number>
  closeDatabase(): Promise<void>
}): Promise<void> {
  const { server, runner, graceMs, log } = options
  setDraining(true)
  const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref())
  const requests = server
    ? new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      })
    : Promise.resolve()
  const jobs = runner ? runner.stop() : Promise.resolve()
  const [requestsDone, jobsDone] = await Promise.all([Promise.race([requests.then(() => 'done' as const), deadline]), Promise.race([jobs.then(() => 'done' as const), deadline])])
  if (requestsDone === 'timeout') {
    log.warn({ graceMs }, 'shutdown: requests still in flight at the end of the grace period; closing their connections')
    server?.closeAllConnections()
  }
  if (jobsDone === 'timeout' && runner) {
    const released = await options.release(runner.workerId).catch(() => 0)
    log.warn({ released }, 'shutdown: the running job did not finish within the grace period; its lease was released')
  }
  await options.closeDatabase()
  log.info('shutdown: done')
}
