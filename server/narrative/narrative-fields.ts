// The narrative as the co-editing mechanism sees it (ADR 004): one flat field per text, `summary` and
// `note.<section id>`, so a conflict, the field history and the form all name the very text both people edited.
// Pure; the page's form uses the same names.
import { fieldLabel } from '../workspace/field-labels.ts'
import { NOTE_SECTIONS, type NarrativeChanges, type NoteSection } from './narrative.schemas.ts'

export const NARRATIVE_ENTITY = 'PackNarrative'
export const noteField = (id: NoteSection) => `note.${id}`
export const NARRATIVE_FIELDS = ['summary', ...NOTE_SECTIONS.map(noteField)]

export const narrativeFieldLabel = (field: string) => fieldLabel(NARRATIVE_ENTITY, field)

/** Stored notes (JSON) as a clean map: known sections, non-empty strings. */
export function readNotes(json: unknown): Partial<Record<NoteSection, string>> {
  const out: Partial<Record<NoteSection, string>> = {}
  if (!json || typeof json !== 'object') return out
  for (const id of NOTE_SECTIONS) {
    const v = (json as Record<string, unknown>)[id]
    if (typeof v === 'string' && v !== '') out[id] = v
  }
  return out
}

export function flatten(summary: string, notes: Partial<Record<NoteSection, string>>): Record<string, string> {
  return Object.fromEntries([['summary', summary], ...NOTE_SECTIONS.map((id) => [noteField(id), notes[id] ?? ''])])
}

/** The API's `{ summary, notes: { sla } }` as flat fields. */
export function flatChanges(changes: NarrativeChanges): Record<string, string> {
  const out: Record<string, string> = {}
  if (changes.summary !== undefined) out.summary = changes.summary
  for (const [id, v] of Object.entries(changes.notes ?? {})) if (v !== undefined) out[noteField(id as NoteSection)] = v
  return out
}

/** Flat fields back to the columns: the summary, and the notes with `changes` applied (an empty note removed). */
export function applyToNotes(notes: Partial<Record<NoteSection, string>>, flat: Record<string, unknown>): Partial<Record<NoteSection, string>> {
  const next = { ...notes }
  for (const id of NOTE_SECTIONS) {
    const v = flat[noteField(id)]
    if (v === undefined) continue
    if (v === '' || v === null) delete next[id]
    else next[id] = String(v)
  }
  return next
}

/** "Narrative v3, last edited by Alex Morgan on 02 Oct 2026": the name without the address the audit log keeps. */
export function narrativeByline(n: { version: number; updatedBy: string; updatedAt: string }, day: (iso: string) => string): string {
  return `Narrative v${n.version}, last edited by ${n.updatedBy.replace(/\s*<[^>]*>$/, '')} on ${day(n.updatedAt)}`
}
