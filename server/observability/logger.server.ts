// The one logger (pino): JSON lines in production, pretty lines for the demo and development, every line inside a
// request or a job carrying its request id. Secrets are removed by path before a line is written (REDACT_PATHS);
// the log-redaction integration test drives the flows that carry them and scans what was written.
import type { Writable } from 'node:stream'
import pino, { type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'
import { currentRequestId } from './request-context.ts'

const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'token',
  'apiToken',
  'sessionId',
  'session',
  'cookie',
  'authorization',
  'credentials',
  'privateKey',
  'publicKey',
  'secret',
  'clientSecret',
  'integrationCode',
  'apiKey',
]

/** Each secret key at the top of a line's object and up to two levels down, and the headers that carry them. */
export const REDACT_PATHS = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
]

export type LogFormat = 'json' | 'pretty'

function defaultFormat(): LogFormat {
  const configured = process.env.LOG_FORMAT
  if (configured === 'json' || configured === 'pretty') return configured
  // Production JSON; the demo (`npm start`: production mode with the demo seed) and development read by a person.
  const production = process.env.NODE_ENV === 'production' && process.env.DEMO_SEED !== 'true'
  return production ? 'json' : 'pretty'
}

/**
 * Under test, a line is dropped unless a test captures the log (captureLogs), except errors and warnings, which go
 * to console.error / console.warn so that an unexpected error still fails the test (CONVENTIONS 13).
 */
class TestDestination {
  capture: ((line: string) => void) | null = null
  write(line: string) {
    this.capture?.(line)
    const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0)
    if (level >= 50) console.error(line.trimEnd())
    else if (level >= 40) console.warn(line.trimEnd())
  }
}

interface State {
  logger: Logger
  test: TestDestination | null
}
const KEY = Symbol.for('accord.logger')
const holder = globalThis as { [KEY]?: State }

function create(): State {
  const test = process.env.NODE_ENV === 'test' ? new TestDestination() : null
  const destination: DestinationStream = test
    ? test
    : defaultFormat() === 'pretty'
      ? (pretty({ sync: true, singleLine: true, colorize: Boolean(process.stdout.isTTY), ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }) as unknown as Writable)
      : pino.destination({ sync: false })
  const logger = pino(
    {
      level: process.env.LOG_LEVEL ?? (test ? 'debug' : 'info'),
      base: test ? {} : undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
      mixin() {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
    },
    destination,
  )
  return { logger, test }
}

export function logger(): Logger {
  holder[KEY] ??= create()
  return holder[KEY].logger
}

/** Tests: every line written until `stop()`, as written (after redaction). */
export function captureLogs(): { lines: string[]; stop(): void } {
  logger()
  const test = holder[KEY]!.test
  if (!test) throw new Error('captureLogs is for NODE_ENV=test')
  const lines: string[] = []
  test.capture = (line) => void lines.push(line)
  return { lines, stop: () => (test.capture = null) }
}

/**
 * Tests: the next line creates the logger again. The Remix build bundles its own copy of this module, compiled with
 * NODE_ENV=production, and the logger lives on globalThis: whichever copy writes first creates it. The test setup
 * resets it and creates it first for every file (tests/setup/env.ts), so a test can always capture the log.
 */
export function resetLogger(): void {
  holder[KEY] = undefined
}

/** Writes what is buffered (JSON lines are written asynchronously) before the process exits. */
export function flushLogs(): Promise<void> {
  const current = holder[KEY]?.logger
  if (!current) return Promise.resolve()
  return new Promise((resolve) => {
    try {
      current.flush(() => resolve())
    } catch {
      // A destination not ready yet has nothing buffered.
      resolve()
    }
  })
}

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error))
