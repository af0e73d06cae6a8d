import { requirePartnershipScope } from '../access/policy.server.ts'
import { type Auth, authenticate } from '../auth/session.server.ts'
import { type HotLoader, hotCacheKey, hotCacheName } from './hot-loaders.ts'

/** Where a hot page's serialised copy for this caller is cached (the arguments of the short cache's partnership reads). */
export interface HotCopy {
  cache: string
  partnershipId: string
  key: string
}

export type HotCopyAccess = { auth: null; setCookie: string | null; copy: null } | { auth: Auth; setCookie: string | null; copy: HotCopy }

/**
 * The one session and access check in front of a hot page's copy, for its loader (`partnershipJson`) and for the
 * server's fast path (`serveHotData`), so the two cannot drift apart. Without a session, `copy` is null and the
 * access policy is not asked; a refusal throws the policy's error (404, 403), which each caller answers its own way:
 * the loader as a response, the fast path by falling through to Remix.
 */
export async function authorisedHotCopy(request: Request, hot: HotLoader, slug: string): Promise<HotCopyAccess> {
  const { auth, setCookie } = await authenticate(request)
  if (!auth) return { auth, setCookie, copy: null }
  const scope = await requirePartnershipScope(auth.user.id, slug, hot.permission)
  return { auth, setCookie, copy: { cache: hotCacheName(hot), partnershipId: scope.id, key: hotCacheKey(hot, new URL(request.url), auth.user.id) } }
}
