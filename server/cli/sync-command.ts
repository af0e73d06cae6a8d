// `accord sync` and the PSA credential flags `accord connector add` shares with it.
import { unsafeOperatorScope } from '../access/policy.server.ts'
import { CREDENTIAL_FIELDS } from '../connectors/connector.schemas.ts'
import { runSync } from '../connectors/run-sync.server.ts'
import type { PsaKind } from '../connectors/types.ts'
import { UsageError, parseStrict } from './args.ts'
import { migrated } from './database.ts'

// flag -> [credential field, environment variable]
export const CREDENTIAL_FLAGS: Record<string, [string, string]> = {
  'company-id': ['companyId', 'PSA_COMPANY_ID'],
  'public-key': ['publicKey', 'PSA_PUBLIC_KEY'],
  'private-key': ['privateKey', 'PSA_PRIVATE_KEY'],
  'client-id': ['clientId', 'PSA_CLIENT_ID'],
  username: ['username', 'PSA_USERNAME'],
  secret: ['secret', 'PSA_SECRET'],
  'integration-code': ['integrationCode', 'PSA_INTEGRATION_CODE'],
  'client-secret': ['clientSecret', 'PSA_CLIENT_SECRET'],
  tenant: ['tenant', 'PSA_TENANT'],
}

export function credentialsFrom(kind: PsaKind, values: Record<string, unknown>): Record<string, string> {
  const wanted = CREDENTIAL_FIELDS[kind] as readonly string[]
  const credentials: Record<string, string> = {}
  for (const [flag, [field, variable]] of Object.entries(CREDENTIAL_FLAGS)) {
    if (!wanted.includes(field)) continue
    const value = (values[flag] as string | undefined) ?? process.env[variable]
    if (value) credentials[field] = value
  }
  return credentials
}

export async function startMocksIfAsked() {
  if (process.env.MOCKS !== 'true') return
  const { startPsaMocks } = await import('../connectors/demo-mocks.server.ts')
  // No page latency: the demo server shows progress; an operator's command should just finish.
  await startPsaMocks({ latencyMs: 0 })
}

export async function sync(args: string[]): Promise<string> {
  const { values } = parseStrict(args, { partnership: 'string', full: 'boolean' })
  if (!values.partnership) throw new UsageError('--partnership is required')
  await migrated('accord sync')
  await startMocksIfAsked()
  const scope = await unsafeOperatorScope(String(values.partnership))
  const run = await runSync(scope.id, {
    full: Boolean(values.full),
    trigger: 'cli',
    onPage: (_, r) => void process.stderr.write(`\rpage ${r.pages}: ${r.fetched.toLocaleString('en-US')} tickets${r.total ? ` of ${r.total.toLocaleString('en-US')}` : ''}`),
  })
  process.stderr.write('\n')
  const summary = {
    status: run.status,
    pages: run.pages,
    fetched: run.fetched,
    inserted: run.inserted,
    updated: run.updated,
    unchanged: run.unchanged,
    skipped: run.skipped,
    histories: run.histories,
    historyUnparsed: run.historyUnparsed,
    skippedReasons: run.skippedReasons,
    cursor: run.cursorAfter,
    ...(run.error ? { error: { code: run.errorCode, message: run.error } } : {}),
  }
  if (run.status === 'failed') throw new SyncFailed(JSON.stringify(summary, null, 2))
  return JSON.stringify(summary, null, 2)
}

/** A failed sync still prints its summary (stdout) and exits 1. */
export class SyncFailed extends Error {}
