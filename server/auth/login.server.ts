import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { verifyPassword } from './password.server.ts'
import { loginRetryAfterMs, recordFailedLogin, recordSuccessfulLogin } from './rate-limit.server.ts'
import { ZLoginInput } from './schemas.ts'

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
  const { email, password } = parsed.data
  const waitMs = await loginRetryAfterMs(email, ip)
  if (waitMs > 0) throw lockedOut(waitMs, now)

  const user = await (await db()).user.findUnique({ where: { email }, select: { id: true, passwordHash: true } })
  if (!(await verifyPassword(user?.passwordHash, password)) || !user) {
    await recordFailedLogin(email, ip)
    const nowWaitMs = await loginRetryAfterMs(email, ip)
    if (nowWaitMs > 0) throw lockedOut(nowWaitMs, now)
    throw new AppError('UNAUTHORIZED', 'Wrong email or password')
  }
  await recordSuccessfulLogin(email)
  return { userId: user.id }
}
