import { assertPasswordsAllowed } from './sso/sso-only.server.ts'
import { randomBytes } from 'node:crypto'
import { RateLimiterRes } from 'rate-limiter-flexible'
import { passwordResetEmail } from '../../emails/templates/password-reset.tsx'
import { sendEmail } from '../../emails/send-email.server.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { enqueueJob, registerJobHandler } from '../jobs/jobs.server.ts'
import { hashToken } from '../tokens/token-format.ts'
import { ZCompletePasswordResetInput, ZRequestPasswordResetInput } from './mfa.schemas.ts'
import { hashPassword } from './password.server.ts'
import { recoveryLimiters } from './recovery-limits.server.ts'
import { forgetSessions } from './session.server.ts'

export const RESET_MINUTES = 30

export const RESET_MAIL_JOB = 'auth.password-reset-mail'

/** The background job that looks the address up and mails the link (registered with the other jobs). */
export function registerPasswordResetJobs(): void {
  registerJobHandler(RESET_MAIL_JOB, async (job) => {
    const { email, requestedAt } = job.payload as { email: string; requestedAt: string }
    await mailResetLink(email, new Date(requestedAt))
  })
}

const invalid = (issues: Parameters<typeof fieldErrorsFromIssues>[0]) =>
  new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(issues) })

/**
 * Asks for a reset link. The answer is the same, and comes as fast, whether or not the address has an account:
 * the request only queues a job (ADR 017); the look-up, the token and the mail happen in the job.
 */
export async function requestPasswordReset(input: unknown, ip: string, now = new Date()): Promise<{ ok: true }> {
  const parsed = ZRequestPasswordResetInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const { email } = parsed.data
  const { resetAddress, resetIp } = await recoveryLimiters()
  const results = await Promise.allSettled([resetAddress.consume(email), resetIp.consume(ip)])
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
  // The same single write for every address, known or not: the look-up, the token and the mail run in a job.
  await enqueueJob(RESET_MAIL_JOB, { email, requestedAt: now.toISOString() })
  return { ok: true }
}

const passwordsAllowed = (user: { id: string; email: string }) =>
  assertPasswordsAllowed({ email: user.email, userId: user.id }).then(
    () => true,
    () => false,
  )

async function mailResetLink(email: string, now: Date): Promise<void> {
  const prisma = await db()
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } })
  if (!user) return
  // An SSO-only organization's people have no password to reset (ADR 018): no link is made, the answer stays the same.
  if (!(await passwordsAllowed(user))) return
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
  await assertPasswordsAllowed({ email: row.user.email, userId: row.userId })
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
  if (signOutEverywhere) await forgetSessions()
  return { userId: row.userId, signedOutEverywhere: signOutEverywhere }
}
