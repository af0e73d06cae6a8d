import { beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { USAGE_LIMITS, acquireUsage, resetUsageLimits, withinUsageLimits } from './usage-limits.server.ts'

beforeEach(() => resetUsageLimits())

describe('per-user usage limits for expensive work (issue 13, D3)', () => {
  it('lets a user run as many packs at once as the limit, refuses one more with 429, and frees a slot when one ends', async () => {
    const releases = await Promise.all(Array.from({ length: USAGE_LIMITS.pack.concurrent }, () => acquireUsage('u1', 'pack')))
    const refused = await acquireUsage('u1', 'pack').catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AppError)
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 1 } })
    // Another user and another kind are counted apart.
    ;(await acquireUsage('u2', 'pack'))()
    ;(await acquireUsage('u1', 'report'))()
    releases[0]()
    releases[0]()
    ;(await acquireUsage('u1', 'pack'))()
  })

  it('refuses past the per-minute count with the seconds until the window frees', async () => {
    for (let i = 0; i < USAGE_LIMITS.import.perMinute; i++) await withinUsageLimits('u1', 'import', async () => i)
    const refused = await withinUsageLimits('u1', 'import', async () => 'ran').catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' })
    expect((refused as AppError).details?.retryAfterSeconds).toBeGreaterThan(1)
  })

  it('frees the slot when the work throws', async () => {
    for (let i = 0; i < USAGE_LIMITS.pack.concurrent + 1; i++) {
      await expect(withinUsageLimits('u1', 'pack', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    }
  })
})
