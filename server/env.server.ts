import { z } from 'zod'

// The environment is parsed once, at boot; a bad value stops the process with a message naming the variable.
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres(ql)?:\/\/|file:|memory:)/.test(v), 'must start with postgres://, postgresql://, file: or memory:')
    .optional(),
  APP_URL: z.url().optional(),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEMO_SEED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
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
  /** 32 bytes, base64: encrypts PSA credentials at rest (AES-256-GCM). */
  CONNECTOR_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)')
    .optional(),
  /** `true`: the PSA APIs are answered in process by the test mocks (demo and development only). */
  MOCKS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
}).superRefine((e, ctx) => {
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
