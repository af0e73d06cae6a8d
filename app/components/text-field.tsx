import type { InputHTMLAttributes } from 'react'
import { FieldMessage, type FieldErrorLike, fieldError } from './forms'

/** One labelled input with its hint and its error, wired for screen readers (aria-invalid, aria-describedby). */
export function TextField({
  name,
  label,
  errors,
  hint,
  idPrefix = '',
  ...input
}: { name: string; label: string; errors: FieldErrorLike[] | undefined; hint?: string; idPrefix?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${idPrefix}${name}`
  const error = fieldError(errors, name)
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  )
}
