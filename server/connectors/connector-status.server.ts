import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { connectionView, runView } from './connection-store.server.ts'
import { ZListRunsInput } from './connector.schemas.ts'

/** The connection without its credentials, and the latest run with its progress and ETA (polled by the page). */
export async function getConnectorStatus(scope: PartnershipScope) {
  const prisma = await db()
  const [connection, latest] = await Promise.all([
    prisma.psaConnection.findUnique({ where: { partnershipId: scope.id } }),
    prisma.syncRun.findFirst({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' } }),
  ])
  return { connection: connection ? connectionView(connection) : null, latestRun: latest ? runView(latest) : null }
}

export async function listSyncRuns(scope: PartnershipScope, input: unknown) {
  const { limit } = ZListRunsInput.parse(input)
  const runs = await (await db()).syncRun.findMany({ where: { partnershipId: scope.id }, orderBy: { createdAt: 'desc' }, take: limit })
  return { runs: runs.map((r) => runView(r)) }
}
