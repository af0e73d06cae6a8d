import { json } from '@remix-run/node'
import { checkDatabase } from '~/api.server'

export async function loader() {
  const ok = await checkDatabase()
  return json(ok ? { status: 'ok', db: 'ok' } : { status: 'error', db: 'unreachable' }, {
    status: ok ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  })
}
