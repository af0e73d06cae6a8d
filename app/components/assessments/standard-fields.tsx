import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'

const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
const SEVERITY_LABEL: Record<string, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' }

export interface StandardValues {
  category: string
  question: string
  whyItMatters: string
  howToCheck: string
  severity: string
  remediation: string
}

/** The fields of a standard, shared by the "add" form and the edit page. `prefix` keeps ids unique on a page. */
export function StandardFields({ prefix, values, errors, categories }: { prefix: string; values?: Partial<StandardValues>; errors?: FieldErrorLike[]; categories: readonly string[] }) {
  const id = (f: string) => `${prefix}-${f}`
  const text = (name: keyof StandardValues, label: string, area = false) => (
    <div className="field">
      <label htmlFor={id(name)}>{label}</label>
      {area ? (
        <textarea id={id(name)} name={name} rows={3} defaultValue={values?.[name] ?? ''} aria-describedby={`${id(name)}-error`} />
      ) : (
        <input id={id(name)} name={name} defaultValue={values?.[name] ?? ''} aria-describedby={`${id(name)}-error`} list={name === 'category' ? `${prefix}-categories` : undefined} />
      )}
      <FieldMessage id={`${id(name)}-error`} message={fieldError(errors, name)} />
    </div>
  )
  return (
    <>
      <datalist id={`${prefix}-categories`}>
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="form-row">
        {text('category', 'Category')}
        <div className="field">
          <label htmlFor={id('severity')}>Severity</label>
          <select id={id('severity')} name="severity" defaultValue={values?.severity ?? 'MEDIUM'}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {SEVERITY_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {text('question', 'Question')}
      {text('whyItMatters', 'Why it matters', true)}
      {text('howToCheck', 'How to check', true)}
      {text('remediation', 'Recommended remediation', true)}
    </>
  )
}

export function severityLabel(s: string) {
  return SEVERITY_LABEL[s] ?? s
}

/** The form's values as the API takes them (empty optional texts are sent as empty strings). */
export function standardFromForm(form: FormData): StandardValues {
  const get = (k: string) => String(form.get(k) ?? '')
  return { category: get('category'), question: get('question'), whyItMatters: get('whyItMatters'), howToCheck: get('howToCheck'), severity: get('severity'), remediation: get('remediation') }
}
