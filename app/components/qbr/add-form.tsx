import { Form } from '@remix-run/react'
import { type ReactNode, useEffect, useRef } from 'react'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'

export type Options = Array<{ value: string; label: string }>
export type LinkGroups = Array<{ group: string; options: Options }>

function LinkSelect({ id, groups, error }: { id: string; groups: LinkGroups; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Link to</label>
      <select id={id} name="link" defaultValue="" aria-describedby={`${id}-error`}>
        <option value="">—</option>
        {groups.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  )
}

const optionList = (options: Options) =>
  options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ))

/** One field of an add form; `errors` names the fields whose problem shows under them (by the API's field name). */
export type AddField =
  | { kind: 'input'; id: string; name: string; label: string; type?: 'number' | 'date'; defaultValue?: number; suggestions?: { id: string; options: Options }; errors?: boolean }
  | { kind: 'textarea'; id: string; name: string; label: string; rows: number; errors?: boolean }
  | { kind: 'select'; id: string; name: string; label: string; options: Options; defaultValue: string; errors?: boolean }
  | { kind: 'link'; id: string; groups: LinkGroups }

export interface AddFormProps {
  intent: string
  qbrId: string
  notice?: ReactNode
  fields: AddField[]
  errors: FieldErrorLike[] | undefined
  busy: boolean
  submit: string
  /** The action's answer when it added this form's item: a new one empties the form. */
  added?: unknown
}

/** The add forms below the lists (attendees, agenda, decisions, action items): one row of fields, then the button. */
export function AddForm({ intent, qbrId, notice, fields, errors, busy, submit, added }: AddFormProps) {
  // Uncontrolled fields keep what was typed after the page revalidates; left filled, a second click added a duplicate.
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (added) form.current?.reset()
  }, [added])
  return (
    <Form method="post" className="card" noValidate ref={form}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="qbrId" value={qbrId} />
      {notice}
      <div className="form-row">
        {fields.map((f) => {
          if (f.kind === 'link') return <LinkSelect key={f.id} id={f.id} groups={f.groups} error={fieldError(errors, 'linkRef')} />
          const describedBy = f.errors ? `${f.id}-error` : undefined
          return (
            <div className={f.kind === 'textarea' ? 'field field-wide' : 'field'} key={f.id}>
              <label htmlFor={f.id}>{f.label}</label>
              {f.kind === 'input' ? (
                <input id={f.id} name={f.name} list={f.suggestions?.id} type={f.type} defaultValue={f.defaultValue} aria-describedby={describedBy} />
              ) : f.kind === 'textarea' ? (
                <textarea id={f.id} name={f.name} rows={f.rows} aria-describedby={describedBy} />
              ) : (
                <select id={f.id} name={f.name} defaultValue={f.defaultValue} aria-describedby={describedBy}>
                  {optionList(f.options)}
                </select>
              )}
              {f.kind === 'input' && f.suggestions ? <datalist id={f.suggestions.id}>{optionList(f.suggestions.options)}</datalist> : null}
              {f.errors ? <FieldMessage id={`${f.id}-error`} message={fieldError(errors, f.name)} /> : null}
            </div>
          )
        })}
        <button type="submit" className="button" disabled={busy}>
          {submit}
        </button>
      </div>
    </Form>
  )
}
