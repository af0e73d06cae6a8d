import { hash, verify } from '@node-rs/argon2'

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations).
export const PASSWORD_HASH_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const
// The test suites sign in thousands of times: with ACCORD_TEST_FAST_HASH=true, and only under NODE_ENV=test, they
// hash at argon2's smallest cost (verify reads the cost from the hash, so it follows). Never in development or
// production (docs/decisions/021-ci-time.md).
const TEST_OPTIONS = { memoryCost: 64, timeCost: 1, parallelism: 1 } as const

export function passwordHashOptions(source: Record<string, string | undefined> = process.env) {
  return source.NODE_ENV === 'test' && source.ACCORD_TEST_FAST_HASH === 'true' ? TEST_OPTIONS : PASSWORD_HASH_OPTIONS
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions())
}

// Verifying against a fixed hash when the account does not exist keeps the response time the same, so timing
// does not tell which emails have accounts.
let dummyHash: Promise<string> | undefined
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hash('accord-timing-equaliser', passwordHashOptions())
    await verify(await dummyHash, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}
