import { z } from 'zod'
import { NOTIFICATION_KINDS, OPTIONAL_KINDS } from './notification-kinds.ts'

/** The whole choice at once: the kinds the user wants; every other optional kind is off. Shared by form and API. */
export const ZSetNotificationPreferencesInput = z.object({
  enabled: z.array(z.enum(OPTIONAL_KINDS, { error: `Choose among ${OPTIONAL_KINDS.join(', ')}` })).max(OPTIONAL_KINDS.length),
})
export type SetNotificationPreferencesInput = z.infer<typeof ZSetNotificationPreferencesInput>

export const ZNotificationPreference = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  hint: z.string(),
  enabled: z.boolean(),
  /** Always sent; not a choice. */
  locked: z.boolean(),
  /** Whether the value is the user's own choice or the default for their roles. */
  chosen: z.boolean(),
})
export const ZNotificationPreferences = z.array(ZNotificationPreference)

export const ZListOutboxInput = z.object({
  limit: z.number().int().min(1).max(200).default(50),
  status: z.enum(['OUTBOX', 'FAILED']).optional(),
})

export const ZOutboxMessage = z.object({
  id: z.string(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
  status: z.string(),
  error: z.string().nullable(),
  createdAt: z.string(),
})
