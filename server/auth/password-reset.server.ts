import { randomBytes } from 'node:crypto'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { passwordResetEmail } from '../../emails/templates/password-reset.tsx'
import { sendEmail } from '../../emails/send-email.server.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { hashToken } from '../tokens/token-format.ts'
import { ZCompletePasswordResetInput, ZRequestPasswordResetInput } from './mfa.schemas.ts'
import { hashPassword } from './password.server.ts'
import { forgetSessions } from './session.server.ts'

export const RESET_MINUTES = 30
// Per address: 3 an hour (a mailbox is not flooded); per client address: 20 an hour (one client cannot probe or
// mail many accounts). Counted whether or not the address has an account, so the limit tells nothing either.
export const RESET_LIMITS = { address: { points: 3, duration: 3600 }, ip: { points: 20, duration: 3600 } }

interface State {
  address: RateLimiterMemory
  ip: RateLimiterMemory
  /** Mails being prepared after the answer went out (tests wait for them). */
  inFlight: Set<Promise<void>>
}
const KEY = Symbol.for('accord.passwordReset')
const holder = globalThis as { [KEY]?: State }
const create = (): State => ({
  address: new RateLimiterMemory({ keyPrefix: 'reset.address', ...RESET_LIMITS.address }),
  ip: new RateLimiterMemory({ keyPrefix: 'reset.ip', ...RESET_LIMITS.ip }),
  inFlight: new Set(),
})
const state = () => (holder[KEY] ??= create())

/** Forgets the counters (tests). */
export function resetPasswordResetLimits(): void {
  const inFlight = state().inFlight
  holder[KEY] = { ...create(), inFlight }
}

/** Resolves when every reset mail asked for so far has been written (tests). */
export async function settlePasswordResetMails(): Promise<void> {
  while (state().inFlight.size) await Promise.all([...state().inFlight])
}

const invalid = (issues: Parameters<typeof fieldErrorsFromIssues>[0]) =>
  new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(issues) })

/**
 * Asks for a reset link. The answer is the same, and comes as fast, whether or not the address has an account:
 * the look-up, the token and the mail happen after it, off the request (ADR 017).
 */
export async function requestPasswordReset(input: unknown, ip: string, now = new Date()): Promise<{ ok: true }> {
  const parsed = ZRequestPasswordResetInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const { email } = parsed.data
  const { address, ip: byIp } = state()
  const results = await Promise.allSettled([address.consume(email), byIp.consume(ip)])
  const refused = results.map((r) => (r.status === 'rejected' ? r.reason : null)).filter((r) => r !== null)
  if (refused.length) {
    const error = refused.find((r) => !(r instanceof RateLimiterRes))
    if (error) throw error
    const ms = Math.max(...refused.map((r: RateLimiterRes) => r.msBeforeNext))
    const minutes = Math.max(1, Math.ceil(ms / 60_000))
    throw new AppError('TOO_MANY_REQUESTS', `Too many reset requests. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      details: { retryAfterSeconds: Math.ceil(ms / 1000) },
    })
  }
  const work = mailResetLink(email, now).catch((error: unknown) => {
    console.warn(`[password reset] could not prepare the mail: ${error instanceof Error ? error.message : String(error)}`)
  })
  state().inFlight.add(work)
  void work.finally(() => state().inFlight.delete(work))
  return { ok: true }
}

async function mailResetLink(email: string, now: Date): Promise<void> {
  const prisma = await db()
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } })
  if (!user) return
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + RESET_MINUTES * 60_000)
  await prisma.$transaction([
    // Only the newest link works.
    prisma.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } }),
    prisma.passwordReset.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt } }),
  ])
  // The origin is APP_URL's, never the request's Host header (issue 13, D4).
  const link = `${appBaseUrl()}/reset-password/${token}`
  // No organization context: an organization's admin must not read a member's reset link in the outbox.
  await sendEmail({ ...(await passwordResetEmail({ name: user.name, link, expiresAt })), to: user.email, kind: 'PASSWORD_RESET' })
}

export type ResetLinkStatus = 'VALID' | 'EXPIRED' | 'USED'

/** What the reset page shows for a link; null when it matches none. */
export async function getPasswordReset(token: string, now = new Date()): Promise<{ status: ResetLinkStatus; email: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const row = await (await db()).passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true, user: { select: { email: true } } } })
  if (!row) return null
  return { status: row.usedAt ? 'USED' : row.expiresAt <= now ? 'EXPIRED' : 'VALID', email: row.user.email }
}

/** Sets the new password; the link is claimed once, in the same transaction. Optionally ends every session. */
export async function completePasswordReset(token: string, input: unknown, now = new Date()): Promise<{ userId: string; signedOutEverywhere: boolean }> {
  const prisma = await db()
  const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await prisma.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } }) : null
  if (!row) throw new AppError('NOT_FOUND', 'This reset link is not valid')
  if (row.usedAt) throw new AppError('CONFLICT', 'This reset link has already been used; ask for a new one')
  if (row.expiresAt <= now) throw new AppError('BAD_REQUEST', 'This reset link has expired; ask for a new one')
  const parsed = ZCompletePasswordResetInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const passwordHash = await hashPassword(parsed.data.password)
  const { signOutEverywhere } = parsed.data
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (count === 0) throw new AppError('CONFLICT', 'This reset link has already been used; ask for a new one')
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await tx.pendingSignIn.deleteMany({ where: { userId: row.userId } })
    if (signOutEverywhere) await tx.session.deleteMany({ where: { userId: row.userId } })
    await recordAudit(tx, {
      actor: { userId: row.userId, label: `${row.user.name} <${row.user.email}>` },
      action: 'password.reset',
      entityType: 'User',
      entityId: row.userId,
      after: { signedOutEverywhere: signOutEverywhere },
    })
  })
  if (signOutEverywhere) forgetSessions()
  return { userId: row.userId, signedOutEverywhere: signOutEverywhere }
}
