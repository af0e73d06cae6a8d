// Forms over co-edited entities. Each input carries the value it was rendered with (`orig:<name>`), so the action
// sends only the fields this user changed, with the version the form was based on. After a 409 the form is based on
// the current version: each field both people changed shows the other party's value (so saving again keeps it)
// beside yours to pick instead; other fields keep your edits.

import { humanize } from '../../server/workspace/field-labels.ts'

export interface FieldDef {
  name: string
  label: string
  type: 'text' | 'textarea' | 'select' | 'number' | 'date' | 'datetime' | 'list'
  options?: readonly string[]
  /** Words for the options; codes (`IN_PROGRESS`) without one read as words ("In progress"). */
  optionLabels?: Readonly<Record<string, string>>
  /** Empty input means null (else empty string). */
  nullable?: boolean
  help?: string
}

export function toInputValue(value: unknown, type: FieldDef['type']): string {
  if (value === null || value === undefined) return ''
  if (type === 'list') return (value as unknown[]).join(', ')
  return String(value)
}

/** A value as a person reads it on the form: a select's option in words, anything else as its input holds it. */
export function displayValue(value: unknown, def: Pick<FieldDef, 'type' | 'optionLabels'>): string {
  const raw = toInputValue(value, def.type)
  if (def.type !== 'select' || raw === '') return raw
  return def.optionLabels?.[raw] ?? (/^[A-Z][A-Z0-9_]+$/.test(raw) ? humanize(raw) : raw)
}

export function fromInputValue(raw: string, def: FieldDef): unknown {
  const text = raw.trim()
  if (def.type === 'number') return text === '' ? (def.nullable ? null : 0) : Number(text)
  if (def.type === 'list') return text === '' ? [] : text.split(',').map((s) => s.trim()).filter(Boolean)
  if (text === '' && def.nullable) return null
  return def.type === 'textarea' ? raw : text
}

/** The changed fields of a submitted form, typed, and the version it was based on. */
export function readVersionedForm(form: FormData, defs: readonly FieldDef[]): { baseVersion: number; changes: Record<string, unknown> } {
  const changes: Record<string, unknown> = {}
  for (const def of defs) {
    const value = form.get(def.name)
    const original = form.get(`orig:${def.name}`)
    if (value === null || original === null) continue
    if (String(value) !== String(original)) changes[def.name] = fromInputValue(String(value), def)
  }
  return { baseVersion: Number(form.get('baseVersion')), changes }
}

export interface ConflictView {
  currentVersion: number
  current: Record<string, unknown>
  /** `goesWith`: the fields of this one's group that the other party changed, when they left this one as it was. */
  conflicts: Array<{ field: string; label?: string; yours: unknown; theirs: unknown; by: string; at: string; goesWith?: string[] }>
}
