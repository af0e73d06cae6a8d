import { RateLimiterRes } from 'rate-limiter-flexible'
import { forgetLimiters, sharedLimiter } from './limiter-store.server.ts'

// Failed sign-ins are limited per account (5 in 15 minutes, then locked for 15 minutes) and per IP address
// (50 in 15 minutes): every attempt is counted before its password is checked, and the attempt that reaches the
// limit locks until the window ends, so neither one password against many accounts nor many passwords against one succeed.
// The counters live in PostgreSQL when the database is PostgreSQL, shared by every instance, and in memory on the
// embedded database (limiter-store.server.ts; issue 13, D10).
export const ACCOUNT_LIMIT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 }
export const IP_LIMIT = { points: 50, duration: 15 * 60, blockDuration: 15 * 60 }

async function limiters() {
  const [account, ip] = await Promise.all([sharedLimiter('login.account', ACCOUNT_LIMIT), sharedLimiter('login.ip', IP_LIMIT)])
  return { account, ip }
}

/** Forgets every counter kept in memory (tests; PostgreSQL's go with the reset of the tables). */
export function resetLoginLimits(): void {
  forgetLimiters('login.')
}

export interface AttemptVerdict {
  /** 0 when the attempt may go on to the password check; else milliseconds until one may. */
  blockedMs: number
  /** Set when this attempt used the last one allowed: a wrong password now locks, for this many ms. */
  lastAttemptMs: number
}

/**
 * Counts an attempt before its password is checked (issue 13, D12): the counters go up atomically first, so a
 * concurrent burst cannot have more passwords checked than the limit, whatever order the checks finish in.
 */
export async function consumeLoginAttempt(email: string, ip: string): Promise<AttemptVerdict> {
  const { account, ip: byIp } = await limiters()
  const results = await Promise.allSettled([account.consume(email), byIp.consume(ip)])
  let blockedMs = 0
  let lastAttemptMs = 0
  for (const r of results) {
    if (r.status === 'rejected') {
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason
      blockedMs = Math.max(blockedMs, r.reason.msBeforeNext)
    } else if (r.value.remainingPoints === 0) {
      lastAttemptMs = Math.max(lastAttemptMs, r.value.msBeforeNext)
    }
  }
  return { blockedMs, lastAttemptMs }
}

/** A right password: the account's failures are forgotten, and the address gets its attempt back. */
export async function recordSuccessfulLogin(email: string, ip: string): Promise<void> {
  const { account, ip: byIp } = await limiters()
  await Promise.all([account.delete(email), byIp.reward(ip, 1)])
}
