import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible'

// Failed sign-ins are limited per account (5 in 15 minutes, then locked for 15 minutes) and per IP address
// (50 in 15 minutes): the attempt that reaches the limit locks until the window ends, so neither one password against many accounts nor many passwords against one succeed.
// In memory: one process serves the embedded database; a multi-instance deployment swaps in
// RateLimiterPostgres (docs/decisions/003-auth.md).
export const ACCOUNT_LIMIT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 }
export const IP_LIMIT = { points: 50, duration: 15 * 60, blockDuration: 15 * 60 }

function create() {
  return { account: new RateLimiterMemory(ACCOUNT_LIMIT), ip: new RateLimiterMemory(IP_LIMIT) }
}

const KEY = Symbol.for('accord.loginLimiters')
const holder = globalThis as { [KEY]?: ReturnType<typeof create> }
function limiters() {
  holder[KEY] ??= create()
  return holder[KEY]
}

/** Forgets every counter (tests). */
export function resetLoginLimits(): void {
  holder[KEY] = create()
}

function blockedFor(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints >= points ? res.msBeforeNext : 0
}

/** Milliseconds until the account or the address may try again; 0 when it may try now. */
export async function loginRetryAfterMs(email: string, ip: string): Promise<number> {
  const { account, ip: byIp } = limiters()
  const [a, i] = await Promise.all([account.get(email), byIp.get(ip)])
  return Math.max(blockedFor(a, ACCOUNT_LIMIT.points), blockedFor(i, IP_LIMIT.points))
}

export async function recordFailedLogin(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = limiters()
  // consume() rejects once over the limit; that rejection is the lock, read back by loginRetryAfterMs.
  await Promise.allSettled([account.consume(email), byIp.consume(ip)])
}

export async function recordSuccessfulLogin(email: string): Promise<void> {
  await limiters().account.delete(email)
}
