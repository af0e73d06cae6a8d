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
