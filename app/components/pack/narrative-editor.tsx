// The pack narrative's editor (ADR 029): the executive summary and a note per pack section as one co-edited form
// (ADR 004), its current version and last editor, the pack versions that froze it, and its versions.
import { PACK_SECTIONS } from '~/charts/pack-format'
import { VersionedForm } from '~/components/versioned-form'
import { useLocale } from '~/utils/locale'
import { formatDateTime } from '~/utils/format'
import type { ConflictView, FieldDef } from '~/utils/versioned-form'
import { NOTE_MAX, NOTE_SECTIONS, type NarrativeDto, SUMMARY_MAX } from '../../../server/narrative/narrative.schemas.ts'
import { flatten, noteField } from '../../../server/narrative/narrative-fields.ts'

/** The form's fields, named as the field history and a 409 name them (`summary`, `note.<section id>`). */
export const NARRATIVE_DEFS: FieldDef[] = [
  { name: 'summary', label: 'Executive summary', type: 'textarea', help: `Plain text, at most ${SUMMARY_MAX.toLocaleString('en-GB')} characters. Shown after the cover of the PDF and on its own slide.` },
  ...NOTE_SECTIONS.map((id) => ({
    name: noteField(id),
    label: `Note on “${PACK_SECTIONS.find((s) => s.id === id)!.title}”`,
    type: 'textarea' as const,
    help: `Optional, at most ${NOTE_MAX.toLocaleString('en-GB')} characters: printed at the top of the section.`,
  })),
]

export interface NarrativeResult {
  ok: boolean
  message: string
  conflict: ConflictView | null
  submitted: Record<string, string> | null
  fieldErrors: Array<{ field: string; message: string }>
}

/** "Alex Rivera <alex@…>" as a name. */
const nameOf = (label: string) => label.replace(/\s*<[^>]*>$/, '')

export function NarrativeEditor({ narrative, canEdit, result, busy }: { narrative: NarrativeDto; canEdit: boolean; result: NarrativeResult | undefined; busy: boolean }) {
  const locale = useLocale()
  const when = (iso: string) => formatDateTime(iso, locale, 'UTC', true)
  return (
    <>
      <p className="muted" data-testid="narrative-version">
        {narrative.version === 0
          ? 'Nothing written yet.'
          : `Version ${narrative.version}, last edited by ${nameOf(narrative.updatedBy ?? '')} on ${when(narrative.updatedAt!)}.`}{' '}
        Each pack version generated freezes the narrative as it stands then; later edits change only later versions.
      </p>
      {narrative.frozenIn.length ? (
        <p className="muted small">
          Frozen in: {narrative.frozenIn.map((p) => `pack v${p.version} (${p.narrativeVersion ? `narrative v${p.narrativeVersion}` : 'no narrative'})`).join(' · ')}
        </p>
      ) : null}
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} data-testid="narrative-result">
          {result.conflict ? `Not saved: ${result.message}. Nothing was changed; the form below now holds their text where you both edited.` : result.message}
        </p>
      ) : null}
      <VersionedForm
        defs={NARRATIVE_DEFS}
        values={flatten(narrative.summary, narrative.notes)}
        version={narrative.version}
        submitted={result?.submitted}
        conflict={result?.conflict}
        fieldErrors={result?.fieldErrors}
        readOnly={!canEdit}
        busy={busy}
        label="Pack narrative"
        idPrefix="narrative"
      />
      <h3 className="spaced">Versions</h3>
      {narrative.history.length ? (
        <ul className="timeline" data-testid="narrative-history">
          {narrative.history.map((h) => (
            <li key={h.version}>
              <span className="muted small">
                v{h.version} · {when(h.at)} · {h.by}
              </span>{' '}
              {h.changed.join(', ')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No versions yet.</p>
      )}
    </>
  )
}
