// Reading a partnership's connection: the public view (never the credentials) and, for the sync alone, the
// connector built from the decrypted credentials.
import { db } from '../db/client.server.ts'
import type { PsaConnection, SyncRun } from '../db/generated/client.ts'
import type { SyncRunView } from './connector.schemas.ts'
import { createConnector } from './create-connector.ts'
import type { HttpOptions } from './http.ts'
import { openSecret } from './secret-box.server.ts'
import { type Connector, ConnectorError, type Credentials, type PsaKind } from './types.ts'

/** Binds the ciphertext to its partnership and kind. */
export const credentialAad = (partnershipId: string, kind: string) => `psa:${partnershipId}:${kind}`

export async function findConnection(partnershipId: string): Promise<PsaConnection | null> {
  return (await db()).psaConnection.findUnique({ where: { partnershipId } })
}

export interface ConnectorOptions {
  http?: HttpOptions
  pageSize?: number
}

export function connectorFor(connection: PsaConnection, options: ConnectorOptions = {}): Connector {
  let credentials: Credentials['credentials']
  try {
    credentials = openSecret<Credentials['credentials']>(connection.credentials, credentialAad(connection.partnershipId, connection.kind))
  } catch (error) {
    // A run or a test then ends with a status saying what to do, not with a server error.
    throw new ConnectorError('CONFIG', `${(error as Error).message}; enter the credentials again`)
  }
  return createConnector(
    {
      kind: connection.kind as PsaKind,
      credentials,
      baseUrl: connection.baseUrl,
      companyIds: connection.companyIds,
      settings: (connection.settings ?? {}) as Record<string, unknown>,
    } as Parameters<typeof createConnector>[0],
    options,
  )
}

export function connectionView(c: PsaConnection) {
  const escalation = (c.escalation ?? {}) as { queues?: string[]; statuses?: string[] }
  return {
    kind: c.kind as PsaKind,
    baseUrl: c.baseUrl,
    credentialHint: c.credentialHint,
    companies: c.companyIds,
    priorityMap: (c.priorityMap ?? {}) as Record<string, 'P1' | 'P2' | 'P3' | 'P4'>,
    escalation: { queues: escalation.queues ?? [], statuses: escalation.statuses ?? [] },
    statusMap: (c.statusMap ?? {}) as { waiting?: string[]; resolved?: string[]; closed?: string[] },
    settings: (c.settings ?? {}) as Record<string, unknown>,
    syncEveryMinutes: c.syncEveryMinutes,
    enabled: c.enabled,
    cursor: c.cursorUpdatedAt ? { updatedAt: c.cursorUpdatedAt.toISOString(), id: c.cursorId } : null,
    resuming: c.resume !== null,
    lastTest: c.lastTestAt ? { at: c.lastTestAt.toISOString(), ok: Boolean(c.lastTestOk), message: c.lastTestMessage ?? '' } : null,
    updatedAt: c.updatedAt.toISOString(),
  }
}

export function runView(r: SyncRun, now = Date.now()): SyncRunView {
  const progress = r.total ? Math.min(1, (r.fetched + r.skipped) / r.total) : r.status === 'succeeded' ? 1 : null
  let etaSeconds: number | null = null
  if (r.status === 'running' && r.startedAt && progress && progress > 0 && progress < 1) {
    const elapsed = (now - r.startedAt.getTime()) / 1000
    etaSeconds = Math.round((elapsed / progress) * (1 - progress))
  }
  return {
    id: r.id,
    trigger: r.trigger,
    full: r.full,
    status: r.status as SyncRunView['status'],
    pages: r.pages,
    fetched: r.fetched,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped: r.skipped,
    histories: r.histories,
    historyUnparsed: r.historyUnparsed,
    assetsFetched: r.assetsFetched,
    assetsChanged: r.assetsChanged,
    assetError: r.assetError,
    linksRefreshed: r.linksRefreshed,
    skippedReasons: r.skippedReasons as SyncRunView['skippedReasons'],
    total: r.total,
    progress,
    etaSeconds,
    errorCode: r.errorCode,
    error: r.error,
    cursorAfter: r.cursorAfter ?? null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }
}
