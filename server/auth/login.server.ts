import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { verifyPassword } from './password.server.ts'
import { consumeLoginAttempt, recordSuccessfulLogin } from './rate-limit.server.ts'
import { ZLoginInput } from './schemas.ts'
import { assertPasswordsAllowed } from './sso/sso-only.server.ts'

function lockedOut(ms: number, now: Date): AppError {
  const retryAt = new Date(now.getTime() + ms)
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  return new AppError(
    'TOO_MANY_REQUESTS',
    `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${retryAt.toISOString().slice(11, 16)} UTC).`,
    { details: { retryAfterSeconds: Math.ceil(ms / 1000), retryAt: retryAt.toISOString() } },
  )
}

/** Checks an email and password; returns the user id or throws 400 (malformed), 401 (wrong) or 429 (locked). */
export async function login(input: unknown, ip: string, now = new Date()): Promise<{ userId: string }> {
  const parsed = ZLoginInput.safeParse(input)
  if (!parsed.success) {
    throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
  }
  const userId = await checkPassword(parsed.data.email, parsed.data.password, ip, now, 'Wrong email or password')
  return { userId }
}

/**
 * Every password check goes through here, so that each one counts against the same per-account and per-address
 * limits: a sign-in form, or an invitation link that asks an existing user for their password.
 */
export async function checkPassword(email: string, password: string, ip: string, now: Date, wrong: string, field?: string): Promise<string> {
  await assertPasswordsAllowed({ email })
  const { blockedMs, lastAttemptMs } = await consumeLoginAttempt(email, ip)
  if (blockedMs > 0) throw lockedOut(blockedMs, now)

  const user = await (await db()).user.findUnique({ where: { email }, select: { id: true, passwordHash: true } })
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    if (lastAttemptMs > 0) throw lockedOut(lastAttemptMs, now)
    throw new AppError('UNAUTHORIZED', wrong, field ? { fieldErrors: [{ field, message: wrong }] } : undefined)
  }
  await assertPasswordsAllowed({ email, userId: user.id })
  await recordSuccessfulLogin(email, ip)
  return user.id
}
