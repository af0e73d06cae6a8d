import { RateLimiterMemory } from 'rate-limiter-flexible'

// The limiters of the second factor and of password resets (ADR 017), in process memory like the sign-in ones
// (ADR 003), on globalThis because the Remix build bundles its own copy of this module.

// Wrong second-factor codes per user, counted before the code is checked (as passwords are, ADR 014): 5 in
// 15 minutes, then 15 minutes locked. A 6-digit code has 10^6 values and 3 are valid at a time, so five guesses a
// quarter-hour give an attacker who has the password about one chance in 67,000 a day.
export const MFA_CODE_LIMIT = { points: 5, duration: 15 * 60, blockDuration: 15 * 60 }

// Reset requests per address: 3 an hour (a mailbox is not flooded); per client address: 20 an hour (one client
// cannot probe or mail many accounts). Counted whether or not the address has an account.
export const RESET_LIMITS = { address: { points: 3, duration: 3600 }, ip: { points: 20, duration: 3600 } }

interface Limiters {
  mfa: RateLimiterMemory
  resetAddress: RateLimiterMemory
  resetIp: RateLimiterMemory
}

const KEY = Symbol.for('accord.recoveryLimiters')
const holder = globalThis as { [KEY]?: Limiters }
const create = (): Limiters => ({
  mfa: new RateLimiterMemory({ keyPrefix: 'mfa', ...MFA_CODE_LIMIT }),
  resetAddress: new RateLimiterMemory({ keyPrefix: 'reset.address', ...RESET_LIMITS.address }),
  resetIp: new RateLimiterMemory({ keyPrefix: 'reset.ip', ...RESET_LIMITS.ip }),
})

export const recoveryLimiters = (): Limiters => (holder[KEY] ??= create())

/** Forgets every counter (tests). */
export function resetRecoveryLimits(): void {
  holder[KEY] = create()
}
