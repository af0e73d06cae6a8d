import { env } from '../env.server.ts'
import type { OutboundPolicy } from '../net/safe-url.server.ts'

/**
 * Where a PSA connection may send requests (issue 13, D6): https only in production, public addresses only unless
 * ALLOW_PRIVATE_PSA_HOSTS=true. MOCKS=true answers the PSA in process (demo, development), so no name is resolved.
 */
export function psaOutboundPolicy(): OutboundPolicy {
  const e = env()
  return { httpsOnly: e.NODE_ENV === 'production', allowPrivate: e.ALLOW_PRIVATE_PSA_HOSTS || e.MOCKS }
}
