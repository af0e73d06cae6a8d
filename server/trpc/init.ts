import { TRPCError, initTRPC } from '@trpc/server'
import type { Permission } from '../access/permissions.ts'
import { requireOrgScope, requirePartnershipScope } from '../access/policy.server.ts'
import { userActor } from '../audit/record-audit.server.ts'
import type { Auth } from '../auth/session.server.ts'
import { type ExpensiveKind, withinUsageLimits } from '../auth/usage-limits.server.ts'
import { AppError, type FieldError, toAppError } from '../errors.ts'
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from '../validation/safe-text.ts'

export interface Context {
  auth: Auth | null
  /** The public origin of the app, for links in emails. */
  appUrl: string
  /** The HTTP request's id (X-Request-Id), named in the answer to an unexpected error. */
  requestId?: string
  /** The client's address as the rate limiters see it (password checks). */
  clientIp?: string
}

/** The batch limit of /api/trpc (issue 13, D3): one request cannot queue unbounded work. */
export const MAX_BATCH_SIZE = 10

const TRPC_CODE = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const

/** What the API's description (server/openapi/) tells of a procedure beyond its schemas. */
export interface ProcedureMeta {
  /** Only from a signed-in browser session, not with an API token. */
  sessionOnly?: boolean
  /** The permission the access policy asks of the caller, and where the caller's role is read. */
  permission?: { name: Permission; in: 'partnership' | 'organization' }
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  errorFormatter({ shape, error, ctx }) {
    const app = toAppError(error.cause)
    // An unexpected error's own message may carry internals (SQL, paths): the client gets the request id only,
    // and the handler's log line keeps the details under the same id.
    const message = app?.message ?? (error.code === 'INTERNAL_SERVER_ERROR' ? `Unexpected error (request id ${ctx?.requestId ?? 'unknown'})` : shape.message)
    return {
      ...shape,
      message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors: app?.fieldErrors ?? ([] as FieldError[]),
        ...(app?.details ? { details: app.details } : {}),
      },
    }
  },
})

export const router = t.router
export const createCallerFactory = t.createCallerFactory

// Domain functions throw AppError and ZodError; this maps them to tRPC codes in one place.
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    const app = toAppError(result.error.cause)
    if (app) throw new TRPCError({ code: TRPC_CODE[app.code], message: app.message, cause: app })
  }
  return result
})

// Every string of every input, keys included, is checked once here with the shared rule (D14), so no procedure
// can pass a NUL byte or a lone surrogate down to the database.
const storableText = t.middleware(async ({ getRawInput, next }) => {
  const field = findUnsafeText(await getRawInput())
  if (field) throw new AppError('BAD_REQUEST', `${field}: ${UNSAFE_TEXT_MESSAGE}`, { fieldErrors: [{ field, message: UNSAFE_TEXT_MESSAGE }] })
  return next()
})

export const publicProcedure = t.procedure.use(errorMapping).use(storableText)

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API token' })
  const { user } = ctx.auth
  const actor = userActor(user)
  return next({ ctx: { ...ctx, user, actor } })
})

/** A procedure for a browser session only (an API token cannot change the password or the second factor). */
export const sessionProcedure = authedProcedure.meta({ sessionOnly: true }).use(({ ctx, next }) => {
  if (ctx.auth?.via !== 'session') throw new AppError('FORBIDDEN', 'Only from a signed-in browser session, not with an API token')
  return next({ ctx: { ...ctx, sessionId: ctx.auth.sessionId } })
})

/**
 * The only way a procedure reaches partnership data: the `slug` in the input is resolved against the caller's
 * memberships by the access policy, and the verified scope is handed on (404 if not a party, 403 if the role
 * lacks the permission).
 */
export function partnershipProcedure(permission: Permission) {
  return authedProcedure.meta({ permission: { name: permission, in: 'partnership' } }).use(async ({ ctx, getRawInput, next }) => {
    const slug = await slugFrom(getRawInput, 'slug')
    const scope = await requirePartnershipScope(ctx.user.id, slug, permission)
    return next({ ctx: { ...ctx, scope } })
  })
}

/** Per-user concurrency and rate limits for expensive procedures (reports, packs, imports): 429 past them. */
export function expensive(kind: ExpensiveKind) {
  return t.middleware(({ ctx, next }) => {
    const userId = ctx.auth?.user.id
    return userId ? withinUsageLimits(userId, kind, () => next()) : next()
  })
}

/** As partnershipProcedure, for an organization named by `org` in the input. */
export function orgProcedure(permission: Permission) {
  return authedProcedure.meta({ permission: { name: permission, in: 'organization' } }).use(async ({ ctx, getRawInput, next }) => {
    const org = await slugFrom(getRawInput, 'org')
    const scope = await requireOrgScope(ctx.user.id, org, permission)
    return next({ ctx: { ...ctx, scope } })
  })
}

async function slugFrom(getRawInput: () => Promise<unknown>, field: string): Promise<string> {
  const raw = await getRawInput()
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined
  if (typeof value !== 'string' || value.length === 0 || value.length > 60) {
    throw new AppError('BAD_REQUEST', `${field}: required`, { fieldErrors: [{ field, message: 'Required' }] })
  }
  return value
}
