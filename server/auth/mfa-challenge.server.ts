import { randomBytes } from 'node:crypto'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { hashToken } from '../tokens/token-format.ts'
import { ZMfaChallengeInput } from './mfa.schemas.ts'
import { mfaEnrolmentDue } from './mfa-gate.server.ts'
import { hasConfirmedMfa, verifySecondFactor } from './mfa-verify.server.ts'
import { startSession } from './session.server.ts'

// After the password, a user with MFA gets a pending sign-in, not a session (ADR 017): a row holding only the
// user and an expiry, found by the hash of a random token in its own cookie. No loader or procedure accepts it;
// the code page alone does, once.
export const PENDING_COOKIE = 'accord_mfa_pending'
const PENDING_MINUTES = 10
export const ENROL_PATH = '/account/security'
export const MFA_PATH = '/login/mfa'

const isHttps = (request: Request) => new URL(request.url).protocol === 'https:'

function pendingCookie(value: string, maxAge: number, request: Request): string {
  return `${PENDING_COOKIE}=${value}; Path=/login; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${isHttps(request) ? '; Secure' : ''}`
}

function readPending(request: Request): string | null {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === PENDING_COOKIE && rest.length) return rest.join('=')
  }
  return null
}

export interface SignInStep {
  /** Where the browser goes next. */
  location: string
  setCookie: string
}

/**
 * What follows a right password: a session (and enrolment first if the user's organization requires MFA they
 * lack), or, for a user with MFA, a pending sign-in and the code page.
 */
export async function beginSignIn(userId: string, request: Request, redirectTo: string, now = new Date()): Promise<SignInStep> {
  if (await hasConfirmedMfa(userId)) {
    const token = randomBytes(32).toString('base64url')
    const prisma = await db()
    await prisma.pendingSignIn.deleteMany({ where: { OR: [{ userId }, { expiresAt: { lt: now } }] } })
    await prisma.pendingSignIn.create({ data: { userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000) } })
    return { location: `${MFA_PATH}?redirectTo=${encodeURIComponent(redirectTo)}`, setCookie: pendingCookie(token, PENDING_MINUTES * 60, request) }
  }
  const setCookie = await startSession(userId, request)
  return { location: (await mfaEnrolmentDue(userId)) ? `${ENROL_PATH}?required=1` : redirectTo, setCookie }
}

/** The pending sign-in of this request, or null (none, unknown, expired). */
export async function getPendingSignIn(request: Request, now = new Date()) {
  const token = readPending(request)
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const pending = await (await db()).pendingSignIn.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, user: { select: { email: true, name: true } } },
  })
  return pending && pending.expiresAt > now ? pending : null
}

const expired = () => new AppError('UNAUTHORIZED', 'Your sign-in has expired: enter your password again', { details: { pendingExpired: true } })

/**
 * The second step: a right code turns the pending sign-in into a session (the pending row is claimed once);
 * a wrong one is 401 naming `code`, and 429 past the limit.
 */
export async function completeMfaChallenge(request: Request, input: unknown, now = new Date()): Promise<{ setCookies: string[] }> {
  const pending = await getPendingSignIn(request, now)
  if (!pending) throw expired()
  const parsed = ZMfaChallengeInput.safeParse(input)
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
  const used = await verifySecondFactor(pending.userId, parsed.data.code, now)
  const prisma = await db()
  const { count } = await prisma.pendingSignIn.deleteMany({ where: { id: pending.id } })
  if (count === 0) throw expired()
  if (used === 'recovery') {
    const actor: Actor = { userId: pending.userId, label: `${pending.user.name} <${pending.user.email}>` }
    await prisma.$transaction((tx) => recordAudit(tx, { actor, action: 'mfa.recovery-code.use', entityType: 'User', entityId: pending.userId }))
  }
  return { setCookies: [await startSession(pending.userId, request), clearPendingCookie(request)] }
}

export const clearPendingCookie = (request: Request) => pendingCookie('', 0, request)
