import { z } from 'zod'
import { RETENTION_ENV_SHAPE } from './jobs/retention-config.ts'

// The environment is parsed once, at boot; a bad value stops the process with a message naming the variable.
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Loopback unless told otherwise: a demo started on a laptop is not served to the whole network.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres(ql)?:\/\/|file:|memory:)/.test(v), 'must start with postgres://, postgresql://, file: or memory:')
    .optional(),
  APP_URL: z.url().optional(),
  // How the client address is read from X-Forwarded-For: `false` (default) ignores the header; a number is the
  // count of proxies in front (the client is that many hops from the right, so a client cannot choose it by
  // writing its own left-most value); a comma-separated list names the proxies' addresses or subnets.
  // `true` is refused: it trusts the left-most value, which any client writes.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      const value = v.trim()
      if (value === 'false' || value === '0' || value === '') return false
      if (/^\d+$/.test(value)) return Number(value)
      if (value === 'true') {
        ctx.addIssue({ code: 'custom', message: 'must be a hop count (e.g. 1 behind one proxy) or a list of proxy addresses, not true' })
        return z.NEVER
      }
      return value.split(',').map((a) => a.trim()).filter(Boolean)
    }),
  /** Largest form or JSON body, in bytes (413 beyond). */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Largest streamed CSV upload, in bytes (413 beyond). */
  MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
  // Unset: on outside production, off in production (issue 13 §5: a production start runs the demo only when
  // told to, as `npm start` does).
  DEMO_SEED: z.enum(['true', 'false']).optional(),
  // Unset: mail goes to the development outbox in the database (shown to admins at /org/<org>/outbox).
  SMTP_URL: z
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address, e.g. "Accord <accord@example.com>"')
    .default('Accord <accord@localhost>'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ...RETENTION_ENV_SHAPE,
  /** 32 bytes, base64: encrypts PSA credentials at rest (AES-256-GCM). */
  CONNECTOR_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)')
    .optional(),
  /** Bearer token for GET /metrics (Prometheus); unset, /metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
  /** Seconds a SIGTERM/SIGINT waits for requests in flight and the running job before closing the database. */
  SHUTDOWN_GRACE_S: z.coerce.number().min(0).max(600).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Unset: JSON in production, pretty lines for the demo and in development. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /**
   * `true`: a PSA base URL may point to a loopback, private or link-local address (a PSA inside the operator's own
   * network). Off by default: a PSA URL is a way into the server's network (issue 13, D6).
   */
  ALLOW_PRIVATE_PSA_HOSTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** `true`: the PSA APIs are answered in process by the test mocks (demo and development only). */
  MOCKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
})
  .transform((e) => ({ ...e, DEMO_SEED: e.DEMO_SEED === undefined ? e.NODE_ENV !== 'production' : e.DEMO_SEED === 'true' }))
  .superRefine((e, ctx) => {
  // A real deployment builds links in mail from its configured public origin (issue 13, D4), so it must name it.
  if (e.NODE_ENV === 'production' && !e.DEMO_SEED && !e.APP_URL) {
    ctx.addIssue({ code: 'custom', path: ['APP_URL'], message: 'required in production: the public origin, e.g. https://accord.example.com' })
  }
  // The default `npm start` (production mode, embedded database, demo seed) is the local demo and may use the
  // public development key; anything else in production must bring its own key.
  const embedded = !e.DATABASE_URL || !/^postgres/.test(e.DATABASE_URL)
  if (e.NODE_ENV === 'production' && !e.CONNECTOR_SECRET_KEY && !(embedded && e.DEMO_SEED)) {
    ctx.addIssue({
      code: 'custom',
      path: ['CONNECTOR_SECRET_KEY'],
      message: 'required in production to encrypt PSA credentials (32 bytes in base64: `openssl rand -base64 32`)',
    })
  }
})

export type Env = z.infer<typeof ZEnv>

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = ZEnv.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

/** Reads the environment again at the next `env()` (tests that change a variable). */
export function resetEnv(): void {
  cached = undefined
}
