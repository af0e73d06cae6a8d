import type { RateLimiterAbstract } from 'rate-limiter-flexible'
import { forgetLimiters, sharedLimiter } from './limiter-store.server.ts'

// The limiters of the second factor and of password resets (ADR 017), kept where the sign-in limiters are
// (issue 13, D10): in PostgreSQL when the database is PostgreSQL, so every instance counts against one limit.

// Wrong second-factor codes per user, counted before the code is checked (as passwords are, ADR 014): 5 in
// 15 minutes, then 15 minutes locked. A 6-digit code has 10^6 values and 3 are valid at a time, so five guesses a
// quarter-hour give an attacker who has the password about one chance in 67,000 a day.
export const MFA_CODE_LIMIT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 }

// Reset requests per address: 3 an hour (a mailbox is not flooded); per client address: 20 an hour (one client
// cannot probe or mail many accounts). Counted whether or not the address has an account.
export const RESET_LIMITS = { address: { points: 3, duration: 3600 }, ip: { points: 20, duration: 3600 } }

interface Limiters {
  mfa: RateLimiterAbstract
  resetAddress: RateLimiterAbstract
  resetIp: RateLimiterAbstract
}

export async function recoveryLimiters(): Promise<Limiters> {
  const [mfa, resetAddress, resetIp] = await Promise.all([
    sharedLimiter('recovery.mfa', MFA_CODE_LIMIT),
    sharedLimiter('recovery.reset-address', RESET_LIMITS.address),
    sharedLimiter('recovery.reset-ip', RESET_LIMITS.ip),
  ])
  return { mfa, resetAddress, resetIp }
}

/** Forgets every counter (tests; PostgreSQL counters go with the tables' reset). */
export function resetRecoveryLimits(): void {
  forgetLimiters('recovery.')
}
