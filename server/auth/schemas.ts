import { z } from 'zod'

// Shared by the forms and the API (convention 2).
export const ZEmail = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address' }).max(254))

export const ZPassword = z
  .string({ error: 'Enter a password' })
  .min(10, { error: 'Use at least 10 characters' })
  .max(200, { error: 'Use at most 200 characters' })

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string({ error: 'Enter your password' }).min(1, { error: 'Enter your password' }).max(200),
})
export type LoginInput = z.infer<typeof ZLoginInput>

export const ZAcceptInvitationInput = z.object({
  name: z.string().trim().min(1, { error: 'Enter your name' }).max(120),
  password: ZPassword,
})
