import { z } from 'zod'

export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1, { error: 'Name the token' }).max(80, { error: 'Use at most 80 characters' }),
})
export const ZRevokeApiTokenInput = z.object({ id: z.string().uuid({ error: 'Not a token id' }) })

export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
})
export type ApiTokenDto = z.infer<typeof ZApiToken>
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() })
