import { openSecret, sealSecret } from '../../connectors/secret-box.server.ts'

// The sign-in in progress lives in the browser, sealed (AES-256-GCM, so neither readable nor forgeable) and short
// lived: the connection, state, nonce, PKCE verifier and where to go afterwards. Bound to the browser that started
// the sign-in, so an answer from the identity provider cannot be replayed into another browser's session.
export const SSO_COOKIE = 'accord_sso'
const AAD = 'sso-sign-in-v1'
export const SSO_COOKIE_SECONDS = 600

export interface PendingSignIn {
  connectionId: string
  organizationId: string
  state: string
  nonce: string
  verifier: string
  redirectTo: string
  expiresAt: number
}

const attributes = (https: boolean, maxAge: number) => `Path=/auth/sso; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${https ? '; Secure' : ''}`

export function pendingSignInCookie(pending: PendingSignIn, https: boolean): string {
  return `${SSO_COOKIE}=${sealSecret(pending, AAD)}; ${attributes(https, SSO_COOKIE_SECONDS)}`
}

export function clearPendingSignInCookie(https: boolean): string {
  return `${SSO_COOKIE}=; ${attributes(https, 0)}`
}

/** The pending sign-in of this browser, or null when absent, tampered with or expired. */
export function readPendingSignIn(cookieHeader: string | null, now = Date.now()): PendingSignIn | null {
  const raw = cookieHeader
    ?.split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${SSO_COOKIE}=`))
    ?.slice(SSO_COOKIE.length + 1)
  if (!raw) return null
  try {
    const pending = openSecret<PendingSignIn>(decodeURIComponent(raw), AAD)
    return typeof pending.expiresAt === 'number' && pending.expiresAt > now ? pending : null
  } catch {
    return null
  }
}
