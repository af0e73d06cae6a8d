export interface FieldErrorLike {
  field: string
  message: string
}

export function fieldError(errors: FieldErrorLike[] | undefined, field: string): string | undefined {
  return errors?.find((e) => e.field === field)?.message
}

export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null
  return (
    <p className="field-error" id={id}>
      {message}
    </p>
  )
}

/**
 * A form's outcome as an alert: the message, then (when refused) each problem under the API's name for its field,
 * for forms whose fields are not one input each (a JSON document, rows of a table). `listId` lets a field point at the list.
 */
export function FieldErrorsAlert({ ok, message, fieldErrors, listId }: { ok: boolean; message: string; fieldErrors: FieldErrorLike[]; listId?: string }) {
  return (
    <div className={`alert ${ok ? 'alert-success' : 'alert-error'}`} role={ok ? 'status' : 'alert'}>
      <p>{message}</p>
      {!ok && fieldErrors.length ? (
        <ul id={listId}>
          {fieldErrors.map((f) => (
            <li key={f.field + f.message}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
