// The account manager's narrative for a quarter's pack (ADR 029): an executive summary and an optional note per pack
// section. One schema module for the API and the page's form. Plain text: the PDF and the deck set it as text, so
// nothing in it is markup; control characters other than line breaks and tabs are refused, not stripped silently.
import { z } from 'zod'
import { PACK_SECTIONS } from '../../app/charts/pack-format.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { ZInt32, ZQuarter } from '../validation/bounds.ts'

export const SUMMARY_MAX = 4000
export const NOTE_MAX = 1000

/** The sections that take a note: every pack section but the executive summary, whose narrative is the summary. */
export const NOTE_SECTIONS = PACK_SECTIONS.filter((s) => s.id !== 'summary').map((s) => s.id) as Array<Exclude<(typeof PACK_SECTIONS)[number]['id'], 'summary'>>
export type NoteSection = (typeof NOTE_SECTIONS)[number]

// A control character other than tab and line feed (a carriage return is normalised away first).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/

const ZPlainText = (max: number) =>
  z
    .string({ error: 'Text' })
    .transform((v) => v.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max, { error: `At most ${max.toLocaleString('en-GB')} characters` })
        .refine((v) => !CONTROL.test(v), { error: 'Plain text only: no control characters' }),
    )

export const ZNarrativeRef = z.object({ slug: ZSlug, quarter: ZQuarter })

const noteShape = Object.fromEntries(NOTE_SECTIONS.map((id) => [id, ZPlainText(NOTE_MAX).optional()])) as Record<NoteSection, z.ZodOptional<ReturnType<typeof ZPlainText>>>

export const ZNarrativeChanges = z
  .object({
    summary: ZPlainText(SUMMARY_MAX).optional(),
    /** Only the notes this save changes; an empty string removes a note. */
    notes: z.strictObject(noteShape, { error: `Notes by section: ${NOTE_SECTIONS.join(', ')}` }).optional(),
  })
  .strict()
  .refine((c) => c.summary !== undefined || Object.values(c.notes ?? {}).some((v) => v !== undefined), { error: 'Change the summary or a note' })
export type NarrativeChanges = z.infer<typeof ZNarrativeChanges>

/** `baseVersion` 0: the form was opened before the quarter had a narrative. */
export const ZSaveNarrativeInput = ZNarrativeRef.extend({
  baseVersion: ZInt32.min(0, { error: 'The version you edited' }),
  changes: ZNarrativeChanges,
})

export const ZNarrativeRevision = z.object({
  version: z.number(),
  by: z.string(),
  at: z.string(),
  /** What this version changed, in words ("Executive summary", "Note on SLA performance"). */
  changed: z.array(z.string()),
})

export const ZNarrative = z.object({
  quarter: z.string(),
  /** 0: nothing written yet. */
  version: z.number(),
  summary: z.string(),
  notes: z.record(z.string(), z.string()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The versions, newest first (the last 50). */
  history: z.array(ZNarrativeRevision),
  /** Pack versions of the quarter and the narrative version each froze (0: none). */
  frozenIn: z.array(z.object({ version: z.number(), narrativeVersion: z.number() })),
})
export type NarrativeDto = z.infer<typeof ZNarrative>

export const ZSaveNarrativeOutput = z.object({ narrative: ZNarrative, merged: z.boolean() })

/** The narrative as a pack version freezes it; absent in packs frozen before narratives. */
export interface PackNarrative {
  version: number
  updatedBy: string
  updatedAt: string
  summary: string
  notes: Partial<Record<NoteSection, string>>
}
