import { describe, expect, it } from 'vitest'
import { PASSWORD_HASH_OPTIONS, passwordHashOptions } from './password.server.ts'

describe('password hash cost', () => {
  it('is OWASP’s argon2id minimum outside tests, whatever ACCORD_TEST_FAST_HASH says', () => {
    for (const NODE_ENV of [undefined, 'development', 'production']) {
      expect(passwordHashOptions({ NODE_ENV, ACCORD_TEST_FAST_HASH: 'true' })).toEqual({ memoryCost: 19456, timeCost: 2, parallelism: 1 })
    }
    expect(passwordHashOptions({ NODE_ENV: 'test' })).toBe(PASSWORD_HASH_OPTIONS)
  })

  it('is the cheapest only when a test run asks for it', () => {
    expect(passwordHashOptions({ NODE_ENV: 'test', ACCORD_TEST_FAST_HASH: 'true' }).memoryCost).toBeLessThan(PASSWORD_HASH_OPTIONS.memoryCost)
  })
})
