import { clearNamedCacheElsewhere, namedCache } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { authenticateApiToken } from '../tokens/authenticate-api-token.server.ts'
import { parseBearer } from './bearer.ts'
import { SESSION_COOKIE, lucia } from './lucia.server.ts'

export interface AuthUser {
  id: string
  email: string
  name: string
}

export type Auth =
  | { via: 'session'; user: AuthUser; sessionId: string }
  | { via: 'token'; user: AuthUser; tokenId: string }

export interface Authentication {
  auth: Auth | null
  /** A Set-Cookie value to send back (a refreshed or cleared session cookie), if any. */
  setCookie: string | null
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

function withTransport(cookie: string, request: Request): string {
  return isHttps(request) ? `${cookie}; Secure` : cookie
}

export function bearerToken(request: Request): string | null {
  return parseBearer(request.headers.get('authorization'))
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

/** Who is calling: a bearer token (machine clients) or the session cookie (browsers). */
export async function authenticate(request: Request): Promise<Authentication> {
  const token = bearerToken(request)
  if (token !== null) {
    const found = await authenticateApiToken(token)
    return { auth: found ? { via: 'token', user: found.user, tokenId: found.tokenId } : null, setCookie: null }
  }
  const sessionId = readCookie(request, SESSION_COOKIE)
  if (!sessionId) return { auth: null, setCookie: null }
  const cached = sessions().get(sessionId)
  if (cached) return { auth: cached, setCookie: null }
  // A revocation heard while the session is read wins: the answer is not kept (ADR 019).
  const stamp = sessions().stamp
  const l = await lucia()
  const { session, user } = await validateOnce(l, sessionId, stamp)
  if (!session) return { auth: null, setCookie: withTransport(l.createBlankSessionCookie().serialize(), request) }
  const auth: Auth = { via: 'session', user: { id: user.id, email: user.email, name: user.name }, sessionId: session.id }
  if (!session.fresh) sessions().setIfCurrent(stamp, sessionId, auth)
  return { auth, setCookie: session.fresh ? withTransport(l.createSessionCookie(session.id).serialize(), request) : null }
}

type Lucia = Awaited<ReturnType<typeof lucia>>
type Validation = Awaited<ReturnType<Lucia['validateSession']>>
const validating = new Map<string, Promise<Validation>>()

/**
 * One validation per session at a time: when a session's cached copy expires, every request of that browser (a
 * page's parallel data requests, or 50 users behind one session in the page benchmark) would otherwise read the
 * session row at once, and queue on the pool's connections behind each other (ADR 005 addendum, issue 14 §4).
 * Callers after a revocation (a new stamp) never join a validation begun before it.
 */
function validateOnce(l: Lucia, sessionId: string, stamp: number): Promise<Validation> {
  const key = `${stamp}|${sessionId}`
  let pending = validating.get(key)
  if (!pending) {
    pending = l.validateSession(sessionId).finally(() => validating.delete(key))
    validating.set(key, pending)
  }
  return pending
}

/** A request after the session's end must not join a validation that read the row before it. */
function forgetValidation(sessionId: string): void {
  for (const key of validating.keys()) if (key.endsWith(`|${sessionId}`)) validating.delete(key)
}

// A validated session is trusted for two seconds in this process; signing out forgets it here at once and, on
// PostgreSQL, in the other instances as soon as the row is gone (ADR 005, ADR 019).
const sessions = () => namedCache<Auth>('sessions', 2_000)

export function clientAddress(request: Request): string {
  return request.headers.get('x-accord-client-ip') ?? 'unknown'
}

/**
 * Starts a new session (a fresh id at every sign-in, so a session id planted before login is worthless) and
 * ends the one the request carried, if any.
 */
export async function startSession(userId: string, request: Request): Promise<string> {
  const l = await lucia()
  const previous = readCookie(request, SESSION_COOKIE)
  if (previous) await forgetSession(previous)
  const session = await l.createSession(userId, {
    ipAddress: clientAddress(request),
    userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
  })
  return withTransport(l.createSessionCookie(session.id).serialize(), request)
}

export async function endSession(request: Request): Promise<string> {
  const l = await lucia()
  const sessionId = readCookie(request, SESSION_COOKIE)
  if (sessionId) await forgetSession(sessionId)
  return withTransport(l.createBlankSessionCookie().serialize(), request)
}

/** Ends one session: the row, this process's cached copy (before and after, so no reader re-caches it), the others'. */
async function forgetSession(sessionId: string): Promise<void> {
  sessions().delete(sessionId)
  forgetValidation(sessionId)
  await (await lucia()).invalidateSession(sessionId)
  sessions().delete(sessionId)
  forgetValidation(sessionId)
  await clearNamedCacheElsewhere('sessions')
}

/** Forgets every cached session, here and on the other instances, so sessions deleted from the database end at once. */
export async function forgetSessions(): Promise<void> {
  sessions().clear()
  await clearNamedCacheElsewhere('sessions')
}

export async function revokeUserSessions(userId: string): Promise<void> {
  sessions().clear()
  await (await db()).session.deleteMany({ where: { userId } })
  sessions().clear()
  await clearNamedCacheElsewhere('sessions')
}
