import { RateLimiterRes } from 'rate-limiter-flexible'
import { AppError } from '../errors.ts'
import { forgetLimiters, sharedLimiter } from './limiter-store.server.ts'

// Expensive work (reports over many tickets, PDF packs, CSV imports) is limited per user (issue 13, D3): a few
// at a time and so many a minute, so one account cannot occupy the server for everyone. Past either limit the
// answer is 429 with Retry-After, before any of the work starts.

export type ExpensiveKind = 'report' | 'pack' | 'import'

export const USAGE_LIMITS: Record<ExpensiveKind, { concurrent: number; perMinute: number }> = {
  report: { concurrent: 4, perMinute: 120 },
  pack: { concurrent: 2, perMinute: 20 },
  import: { concurrent: 2, perMinute: 20 },
}

// The rate per minute is counted where the sign-in limits are (PostgreSQL when the database is, shared by every
// instance; issue 13, D10). Requests running at once are counted by each process: they end with the process.
const rateLimiter = (kind: ExpensiveKind) => sharedLimiter(`usage.${kind}`, { points: USAGE_LIMITS[kind].perMinute, duration: 60 })

const KEY = Symbol.for('accord.usageRunning')
const holder = globalThis as { [KEY]?: Map<string, number> }
const runningCounts = () => (holder[KEY] ??= new Map<string, number>())

/** Forgets every counter kept in memory (tests). */
export function resetUsageLimits(): void {
  holder[KEY] = new Map()
  forgetLimiters('usage.')
}

const tooMany = (kind: ExpensiveKind, retryAfterSeconds: number, why: string) =>
  new AppError('TOO_MANY_REQUESTS', `Too many ${kind} requests: ${why}; try again in ${retryAfterSeconds} s`, { details: { retryAfterSeconds } })

/** Takes one of the user's slots for `kind`, or throws 429 (with `details.retryAfterSeconds`); call the release when done. */
export async function acquireUsage(userId: string, kind: ExpensiveKind): Promise<() => void> {
  const running = runningCounts()
  const key = `${kind}:${userId}`
  const inFlight = running.get(key) ?? 0
  if (inFlight >= USAGE_LIMITS[kind].concurrent) throw tooMany(kind, 1, `${USAGE_LIMITS[kind].concurrent} already running`)
  running.set(key, inFlight + 1)
  let released = false
  const release = () => {
    if (released) return
    released = true
    const left = (running.get(key) ?? 1) - 1
    if (left > 0) running.set(key, left)
    else running.delete(key)
  }
  try {
    await (await rateLimiter(kind)).consume(userId)
  } catch (error) {
    release()
    if (!(error instanceof RateLimiterRes)) throw error
    throw tooMany(kind, Math.max(1, Math.ceil(error.msBeforeNext / 1000)), `more than ${USAGE_LIMITS[kind].perMinute} a minute`)
  }
  return release
}

/** Runs `work` within the user's limits for `kind`, or throws 429 before starting it. */
export async function withinUsageLimits<T>(userId: string, kind: ExpensiveKind, work: () => Promise<T>): Promise<T> {
  const release = await acquireUsage(userId, kind)
  try {
    return await work()
  } finally {
    release()
  }
}
