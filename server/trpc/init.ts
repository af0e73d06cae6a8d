import { TRPCError, initTRPC } from '@trpc/server'
import type { Permission } from '../access/permissions.ts'
import { requireOrgScope, requirePartnershipScope } from '../access/policy.server.ts'
import { userActor } from '../audit/record-audit.server.ts'
import type { Auth } from '../auth/session.server.ts'
import { AppError, type FieldError, toAppError } from '../errors.ts'

export interface Context {
  auth: Auth | null
  /** The public origin of the app, for links in emails. */
  appUrl: string
}

const TRPC_CODE = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const app = toAppError(error.cause)
    return {
      ...shape,
      message: app?.message ?? shape.message,
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

export const publicProcedure = t.procedure.use(errorMapping)

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.auth) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in or send an API token' })
  const { user } = ctx.auth
  const actor = userActor(user)
  return next({ ctx: { ...ctx, user, actor } })
})

/**
 * The only way a procedure reaches partnership data: the `slug` in the input is resolved against the caller's
 * memberships by the access policy, and the verified scope is handed on (404 if not a party, 403 if the role
 * lacks the permission).
 */
export function partnershipProcedure(permission: Permission) {
  return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
    const slug = await slugFrom(getRawInput, 'slug')
    const scope = await requirePartnershipScope(ctx.user.id, slug, permission)
    return next({ ctx: { ...ctx, scope } })
  })
}

/** As partnershipProcedure, for an organization named by `org` in the input. */
export function orgProcedure(permission: Permission) {
  return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
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
