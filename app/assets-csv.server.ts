// The asset CSV upload: the body streams into the import (bounded memory), the answer is its summary as JSON.
import { json } from '@remix-run/node'
import { requirePartnershipScope } from '../server/access/policy.server.ts'
import { ASSET_CSV_COLUMNS, importAssetsCsv } from '../server/assets/import-assets-csv.server.ts'
import { userActor } from '../server/audit/record-audit.server.ts'
import { authenticate } from '../server/auth/session.server.ts'
import { acquireUsage } from '../server/auth/usage-limits.server.ts'
import { describeError } from './api.server'

export { ASSET_CSV_COLUMNS }

export async function importAssetsCsvResponse(request: Request, slug: string): Promise<Response> {
  const { auth } = await authenticate(request)
  if (!auth) return json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token' } }, { status: 401 })
  if (request.method !== 'POST') return json({ error: { code: 'METHOD_NOT_ALLOWED', message: 'POST the CSV as the body' } }, { status: 405 })
  let release: (() => void) | null = null
  try {
    const scope = await requirePartnershipScope(auth.user.id, slug, 'asset.write')
    if (!request.body) return json({ error: { code: 'BAD_REQUEST', message: 'file: send the CSV as the request body', field: 'file' } }, { status: 400 })
    release = await acquireUsage(auth.user.id, 'import')
    return json({ summary: await importAssetsCsv(scope, userActor(auth.user), request.body) })
  } catch (error) {
    const e = describeError(error)
    return json({ error: { status: e.status, message: e.message, fieldErrors: e.fieldErrors } }, { status: e.status })
  } finally {
    release?.()
  }
}
