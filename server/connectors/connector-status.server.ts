import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { connectionView, runView } from './connection-store.server.ts'
import { ZListRunsInput } from './connector.schemas.ts'
import { storedHistoryCounts } from './recompute-statuses.server.ts'

/** The connection without its credentials, and the latest run with its progress and ETA (polled by the page). */
export async function getConnectorStatus(scope: PartnershipScope) {
  const prisma = await db()
  const [connection, latest] = await Promise.all([
    prisma.psaConnection.findUnique({ where: { partnershipId: scope.id } }),
    prisma.syncRun.findFirst({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' } }),
  ])
  let pending: { kind: 'recompute' | 'reread'; tickets: number } | null = null
  if (connection?.statusMapChangedAt) {
    pending = { kind: 'recompute', tickets: (await storedHistoryCounts(scope.id, connection.kind)).withHistory }
  } else if (connection && !connection.cursorUpdatedAt) {
    const stored = await prisma.ticket.count({ where: { partnershipId: scope.id, source: connection.kind } })
    if (stored > 0) pending = { kind: 'reread', tickets: stored }
  }
  return { connection: connection ? connectionView(connection) : null, latestRun: latest ? runView(latest) : null, pending }
}

export async function listSyncRuns(scope: PartnershipScope, input: unknown) {
  const { limit } = ZListRunsInput.parse(input)
  const runs = await (await db()).syncRun.findMany({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' }, take: limit })
  return { runs: runs.map((r) => runView(r)) }
}
