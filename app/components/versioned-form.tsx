import { Form } from '@remix-run/react'
import { type ConflictView, type FieldDef, displayValue, toInputValue } from '~/utils/versioned-form'
import { useLocale } from '~/utils/locale'
import { formatDateTime } from '~/utils/format'

interface Props {
  defs: readonly FieldDef[]
  values: Record<string, unknown>
  version: number
  /** What the user submitted last, when the save was refused. */
  submitted?: Record<string, string> | null
  conflict?: ConflictView | null
  fieldErrors?: Array<{ field: string; message: string }>
  readOnly?: boolean
  submitLabel?: string
  busy?: boolean
  /** Several forms on one page: a prefix keeps their field ids apart, and hidden fields say which entity. */
  idPrefix?: string
  hidden?: Record<string, string>
  label?: string
}

/**
 * The edit form of a co-edited entity. After a conflict it is based on the current version, shows the current
 * values, keeps the user's own edits of other fields, and where both changed the same field it shows the other
 * party's value, so "Save merged version" keeps it unless the user picks their own.
 */
export function VersionedForm({ defs, values, version, submitted, conflict, fieldErrors, readOnly, submitLabel = 'Save', busy, idPrefix = 'f', hidden, label }: Props) {
  const locale = useLocale()
  const base = conflict ? conflict.current : values
  const baseVersion = conflict ? conflict.currentVersion : version
  const conflicting = new Map((conflict?.conflicts ?? []).map((c) => [c.field, c]))
  const shown = (value: unknown, field: string) => displayValue(value, defs.find((d) => d.name === field) ?? { type: 'text' }) || '—'
  const labelOf = (field: string, label?: string) => label ?? conflict?.conflicts.find((c) => c.field === field)?.label ?? defs.find((d) => d.name === field)?.label ?? field
  // A group conflict also lists the fields the other party changed that this user left alone: their "yours" is the
  // value the user had, not one they entered.
  const entered = (field: string) => !submitted || (submitted[field] !== undefined && submitted[field] !== submitted[`orig:${field}`])
  return (
    <Form method="post" className="card versioned-form" noValidate aria-label={label}>
      <input type="hidden" name="intent" value="update" />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
      <input type="hidden" name="baseVersion" value={baseVersion} />
      {conflict ? (
        <div className="alert alert-error" role="alert">
          <p>
            <strong>Someone else saved this while you were editing.</strong> Your changes to other fields are kept. Where you both changed a field, it now
            shows their value: saving keeps theirs unless you use yours.
          </p>
          <ul>
            {conflict.conflicts.map((c) => (
              <li key={c.field}>
                {labelOf(c.field, c.label)}: {c.goesWith ? `${c.by} changed ${c.goesWith.map((f) => labelOf(f)).join(', ')}, which goes with it; it stays` : `${c.by} saved`} “{shown(c.theirs, c.field)}”,
                you {entered(c.field) ? 'entered' : 'had'} “{shown(c.yours, c.field)}”
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-grid">
        {defs.map((def) => {
          const id = `${idPrefix}-${def.name}`
          const c = conflicting.get(def.name)
          const original = toInputValue(base[def.name], def.type)
          const mine = submitted && submitted[def.name] !== undefined && submitted[def.name] !== submitted[`orig:${def.name}`] ? submitted[def.name] : undefined
          const value = c ? original : (mine ?? original)
          const error = fieldErrors?.find((f) => f.field === def.name || f.field.startsWith(`changes.${def.name}`))?.message
          const common = {
            id,
            name: def.name,
            defaultValue: value,
            readOnly,
            disabled: readOnly && def.type === 'select',
            'aria-invalid': error ? true : undefined,
            'aria-describedby': error ? `${id}-error` : def.help ? `${id}-help` : undefined,
          }
          return (
            <div className={`field ${def.type === 'textarea' ? 'field-wide' : ''} ${c ? 'field-conflict' : ''}`} key={def.name + baseVersion}>
              <label htmlFor={id}>{def.label}</label>
              <input type="hidden" name={`orig:${def.name}`} value={original} />
              {def.type === 'textarea' ? (
                <textarea rows={4} {...common} />
              ) : def.type === 'select' ? (
                <select {...common}>
                  {def.nullable ? <option value="">—</option> : null}
                  {def.options!.map((o) => (
                    <option key={o} value={o}>
                      {displayValue(o, def)}
                    </option>
                  ))}
                </select>
              ) : (
                <input type={def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : def.type === 'datetime' ? 'datetime-local' : 'text'} step={def.type === 'number' ? 'any' : undefined} {...common} />
              )}
              {c ? (
                <p className="conflict-note" data-testid={`conflict-${def.name}`}>
                  {c.goesWith ? (
                    <>
                      {c.by} changed {c.goesWith.map((f) => labelOf(f)).join(', ')} ({formatDateTime(c.at, locale, 'UTC', true)}), which goes with this field, so it is back at
                      the saved <strong>{displayValue(c.theirs, def) || '—'}</strong>.
                    </>
                  ) : (
                    <>
                      {c.by} changed it to <strong>{displayValue(c.theirs, def) || '—'}</strong> ({formatDateTime(c.at, locale, 'UTC', true)}), which the field now shows.
                    </>
                  )}{' '}
                  You {entered(def.name) ? 'entered' : 'had'} <strong>{displayValue(c.yours, def) || '—'}</strong>:{' '}
                  <button
                    type="button"
                    className="link-button link-button-dark"
                    onClick={(e) => {
                      const input = (e.currentTarget.closest('.field') as HTMLElement).querySelector(`[name="${def.name}"]`) as HTMLInputElement
                      input.value = toInputValue(c.yours, def.type)
                    }}
                  >
                    use mine
                  </button>
                  .
                </p>
              ) : null}
              {error ? (
                <p className="field-error" id={`${id}-error`}>
                  {error}
                </p>
              ) : def.help ? (
                <p className="muted small" id={`${id}-help`}>
                  {def.help}
                </p>
              ) : null}
            </div>
          )
        })}
      </div>
      {readOnly ? null : (
        <button type="submit" className="button button-primary" disabled={busy}>
          {conflict ? 'Save merged version' : submitLabel}
        </button>
      )}
    </Form>
  )
}
