import { ZodError } from 'zod'

// One error type for the whole server, mapped to HTTP and tRPC status in one place (httpStatus / trpcCode).
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'

export interface FieldError {
  field: string
  message: string
}

// The HTTP layer (loaded from source) and the Remix build (bundled) each hold a copy of this module: a brand
// instead of the class identity lets an AppError thrown by one be recognised by the other.
const BRAND = Symbol.for('accord.AppError')

export class AppError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true
  }

  readonly [BRAND] = true
  readonly code: AppErrorCode
  readonly fieldErrors: FieldError[]
  readonly details: Record<string, unknown> | undefined

  constructor(code: AppErrorCode, message: string, options: { fieldErrors?: FieldError[]; details?: Record<string, unknown> } = {}) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fieldErrors = options.fieldErrors ?? []
    this.details = options.details
  }
}

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do that') => new AppError('FORBIDDEN', message)
export const badRequest = (field: string, message: string) =>
  new AppError('BAD_REQUEST', `${field}: ${message}`, { fieldErrors: [{ field, message }] })

/** zod issues → field errors, keyed by the dotted path (e.g. `targets.P1.responseMinutes`). */
export function fieldErrorsFromIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldError[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(input)', message: issue.message }))
}

/** Every error a procedure or a job throws, as the one AppError shape (zod errors become field errors); else null. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error
  if (error instanceof ZodError) {
    const fieldErrors = fieldErrorsFromIssues(error.issues)
    return new AppError('BAD_REQUEST', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), { fieldErrors })
  }
  return null
}
