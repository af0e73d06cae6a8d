import os from 'node:os'
import { defineConfig } from 'vitest/config'

// Test tiers by name (CONVENTIONS 9): *.test.ts unit (pure), *.integration.test.ts against a real database,
// tests/e2e/*.spec.ts in Chromium. Integration and e2e tests need `npm run build` (npm test does it).
export default defineConfig({
  test: {
    // Every project runs a worker's files one after another in one process (`isolate: false`): a process per file
    // cost ~2.4 s of start-up and module loading; on PostgreSQL a worker's database is opened once and each file
    // starts from it emptied (tests/setup/database.ts). What a file sets in process.env ends with it (tests/setup/env.ts), and each
    // file's test server loads a copy of the Remix build of its own (tests/helpers/server.ts). ADR 021.
    // Vitest's default is one worker fewer than the cores: on CI's two cores that is one file at a time, with the
    // second core idle (a worker spends its time in its own PGlite, or waits on PostgreSQL or Chromium). One worker
    // per core; VITEST_MAX_WORKERS overrides (docs/decisions/021-ci-time.md).
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || Math.max(2, os.availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
          include: ['server/**/*.test.ts', 'app/**/*.test.ts', 'emails/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts', 'node_modules/**'],
          setupFiles: ['tests/setup/console.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          isolate: false,
          include: ['**/*.integration.test.ts'],
          // The CLI suites run the `accord` command on an embedded database of their own, whatever
          // TEST_DATABASE_URL says: a run on PostgreSQL would repeat them minute for minute, so it leaves them out.
          // The *.postgres.integration.test.ts suites need a server several processes share (two instances on one
          // database, issue 14): they run only in the PostgreSQL tier, which .ci/run always runs.
          exclude: [
            'node_modules/**',
            'build/**',
            ...(process.env.TEST_DATABASE_URL ? ['tests/integration/*cli*.integration.test.ts'] : ['**/*.postgres.integration.test.ts']),
          ],
          globalSetup: ['tests/setup/template.ts'],
          setupFiles: ['tests/setup/env.ts', 'tests/setup/console.ts', 'tests/setup/database.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          isolate: false,
          include: ['tests/e2e/**/*.spec.ts'],
          globalSetup: ['tests/setup/template.ts'],
          setupFiles: ['tests/setup/env.ts', 'tests/setup/console.ts', 'tests/setup/database.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
