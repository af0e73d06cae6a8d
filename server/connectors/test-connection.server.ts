import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { type ConnectorOptions, connectorFor } from './connection-store.server.ts'
import { ConnectorError } from './types.ts'

/**
 * Asks the PSA whether the stored credentials work. The outcome is data (ok, code, message), stored on the
 * connection for the page; an unreachable PSA is an answer, not a server error.
 */
export async function testConnection(scope: PartnershipScope, actor: Actor, options: ConnectorOptions = {}) {
  const prisma = await db()
  const connection = await prisma.psaConnection.findUnique({ where: { partnershipId: scope.id } })
  if (!connection) throw notFound('PSA connection')
  let outcome: { ok: boolean; code: string | null; message: string }
  try {
    // One attempt and a short timeout: a person is waiting for the answer.
    const connector = connectorFor(connection, { ...options, http: { retries: 0, timeoutMs: 15_000, ...options.http } })
    const result = await connector.testConnection()
    outcome = { ok: true, code: null, message: result.message }
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error
    outcome = { ok: false, code: error.code, message: error.message }
  }
  await prisma.$transaction(async (tx) => {
    await tx.psaConnection.update({ where: { id: connection.id, partnershipId: scope.id }, data: { lastTestAt: new Date(), lastTestOk: outcome.ok, lastTestMessage: outcome.message.slice(0, 500) } })
    await recordAudit(tx, { actor, action: 'psaConnection.test', entityType: 'PsaConnection', entityId: connection.id, partnershipId: scope.id, after: { ok: outcome.ok, message: outcome.message } })
  })
  return outcome
}
