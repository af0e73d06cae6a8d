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
