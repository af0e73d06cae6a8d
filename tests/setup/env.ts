import { afterAll } from 'vitest'
import { resetEnv } from '../../server/env.server.ts'
import { logger, resetLogger } from '../../server/observability/logger.server.ts'
process.env.NODE_ENV = 'test'
// Passwords hashed at argon2's smallest cost in tests (server/auth/password.server.ts); `false` to test at full cost.
process.env.ACCORD_TEST_FAST_HASH ??= 'true'
// The PSA mocks (msw) answer vendor host names without DNS; the SSRF rule's own tests turn this off and resolve
// names with a resolver of their own (server/net/safe-url.server.ts, issue 13, D6).
process.env.ALLOW_PRIVATE_PSA_HOSTS ??= 'true'

// Files of a worker share one process (`isolate: false`, vitest.config.ts): what a file sets in the environment
// ends with the file, and the parsed environment is read again.
const before = { ...process.env }
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key]
  Object.assign(process.env, before)
  resetEnv()
})
// The logger is created here, by this copy of the server's modules, before a test server's build copy (compiled for
// production) can create one that tests cannot capture; a file never inherits the previous file's.
resetLogger()
logger()
// Counts the files this worker has run: tests/helpers/server.ts loads a fresh copy of the Remix build for each file.
const FILE_RUN = Symbol.for('accord.test.fileRun')
const run = globalThis as { [FILE_RUN]?: number }
run[FILE_RUN] = (run[FILE_RUN] ?? 0) + 1
