// Issue 13, D12: the per-account limit is consumed before the password is checked, atomically, so a concurrent
// burst cannot slip the right password in after the limit's worth of wrong ones.
import { beforeEach, expect, it } from 'vitest'
import { login } from '../../server/auth/login.server.ts'
import { ACCOUNT_LIMIT } from '../../server/auth/rate-limit.server.ts'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'
import { seedDemo } from '../helpers/factories.ts'

beforeEach(() => seedDemo())

it('in a burst of 10 wrong passwords and then the right one, the right one is refused with 429', async () => {
  const email = 'chris@contoso.example'
  const wrong = Array.from({ length: 10 }, (_, i) => login({ email, password: `wrong-password-${i}` }, '192.0.2.1'))
  const right = login({ email, password: DEMO_PASSWORD }, '192.0.2.1')
  const results = await Promise.allSettled([...wrong, right])
  const codes = results.map((r) => (r.status === 'fulfilled' ? 'OK' : (r.reason as { code: string }).code))
  expect(codes.at(-1)).toBe('TOO_MANY_REQUESTS')
  // Exactly the limit's worth of passwords were checked; every later attempt was refused before its check.
  expect(codes.filter((c) => c === 'UNAUTHORIZED').length).toBe(ACCOUNT_LIMIT.points - 1)
  expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS').length).toBe(11 - (ACCOUNT_LIMIT.points - 1))
})

it('a right password after a few wrong ones signs in and forgets them', async () => {
  const email = 'chris@contoso.example'
  for (let i = 0; i < ACCOUNT_LIMIT.points - 2; i++) await expect(login({ email, password: 'nope-nope-nope' }, '192.0.2.1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  await expect(login({ email, password: DEMO_PASSWORD }, '192.0.2.1')).resolves.toMatchObject({ userId: expect.any(String) })
  for (let i = 0; i < ACCOUNT_LIMIT.points - 1; i++) await expect(login({ email, password: 'nope-nope-nope' }, '192.0.2.1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
})
