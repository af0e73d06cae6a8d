import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'

export const ITEM_KINDS = ['ACTION_ITEM', 'ROADMAP_ITEM'] as const

export const ZSendToPsaInput = z.object({
  slug: ZSlug,
  itemKind: z.enum(ITEM_KINDS, { error: `One of ${ITEM_KINDS.join(', ')}` }),
  itemId: z.string().uuid({ error: 'An item id' }),
  /** The board (ConnectWise), queue (Autotask) or team (HaloPSA) id, one of the connection's write-back boards. */
  board: z.string().trim().min(1, { error: 'Choose a board or queue' }).max(120),
})
export const ZListPsaLinksInput = z.object({ slug: ZSlug })
export const ZCloseLinkedItemInput = z.object({ slug: ZSlug, linkId: z.string().uuid(), baseVersion: ZInt32.min(1, { error: 'The version you edited' }) })

export const ZPsaLink = z.object({
  id: z.string(),
  itemKind: z.enum(ITEM_KINDS),
  itemId: z.string(),
  kind: z.string(),
  state: z.enum(['SENDING', 'SENT', 'FAILED']),
  board: z.string(),
  ticketNumber: z.string().nullable(),
  psaStatus: z.string().nullable(),
  psaClosed: z.boolean(),
  error: z.string().nullable(),
  sentBy: z.string(),
  createdAt: z.string(),
  syncedAt: z.string().nullable(),
})
export type PsaLinkDto = z.infer<typeof ZPsaLink>

/** "12:Service Desk" -> { id: "12", name: "Service Desk" }; a bare id names itself. */
export function parseBoard(entry: string): { id: string; name: string } {
  const i = entry.indexOf(':')
  return i > 0 ? { id: entry.slice(0, i).trim(), name: entry.slice(i + 1).trim() || entry.slice(0, i).trim() } : { id: entry.trim(), name: entry.trim() }
}
