// The one bridge from app/ to server/: routes import from here, never from server/ directly, so that the
// classic compiler (which empties only *.server modules under app/) keeps server code out of the browser.
import { json, redirect } from '@remix-run/node'
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { authenticate, endSession, startSession } from '../server/auth/session.server.ts'
import { login } from '../server/auth/login.server.ts'
import { appUrlFor } from '../server/http/app-url.ts'
import { acceptInvitation } from '../server/members/accept-invitation.server.ts'
import { getInvitationByToken } from '../server/members/get-invitation.server.ts'
import { createCaller } from '../server/trpc/router.ts'
import { toAppError } from '../server/trpc/init.ts'
import { HTTP_STATUS, type FieldError } from '../server/errors.ts'
import { db } from '../server/db/client.server.ts'

export { handleTrpcRequest } from '../server/trpc/handler.server.ts'
export { login, startSession, endSession, acceptInvitation, getInvitationByToken }
export { ROLE_LABELS, ROLES, rolesForKind } from '../server/access/permissions.ts'

export interface ApiError {
  status: number
  message: string
  fieldErrors: FieldError[]
  details?: Record<string, unknown>
}

/** Any error from a domain function or a procedure, as status, message and field errors; rethrows the unknown. */
export function describeError(error: unknown): ApiError {
  const app = toAppError(error instanceof TRPCError ? (error.cause ?? error) : error)
  if (app) return { status: HTTP_STATUS[app.code], message: app.message, fieldErrors: app.fieldErrors, details: app.details }
  if (error instanceof TRPCError && error.code !== 'INTERNAL_SERVER_ERROR') {
    return { status: getHTTPStatusCodeFromError(error), message: error.message, fieldErrors: [] }
  }
  throw error
}

/** Runs a procedure for a loader: an access or validation error becomes the matching HTTP response. */
export async function orRespond<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    const e = describeError(error)
    throw json({ message: e.message }, { status: e.status })
  }
}

/**
 * The signed-in caller's tRPC caller: loaders and actions go through the same procedures (validation and access
 * policy) as the API. Without a session: redirect to /login.
 */
export async function requireApi(request: Request) {
  const { auth, setCookie } = await authenticate(request)
  if (!auth) {
    const url = new URL(request.url)
    const redirectTo = url.pathname + url.search
    const headers = new Headers()
    if (setCookie) headers.append('Set-Cookie', setCookie)
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, { headers })
  }
  const headers = new Headers()
  if (setCookie) headers.append('Set-Cookie', setCookie)
  const caller = createCaller({ auth, appUrl: appUrlFor(request) })
  return { caller, user: auth.user, headers }
}

export async function getOptionalUser(request: Request) {
  return (await authenticate(request)).auth?.user ?? null
}

export async function checkDatabase(): Promise<boolean> {
  try {
    await (await db()).$queryRaw`SELECT 1`
    return true
  } catch {
    return false
  }
}

/** What the app shell needs on every page: who is signed in and the partnerships to switch between. */
export async function getShell(request: Request) {
  const { auth } = await authenticate(request)
  if (!auth) return { user: null, partnerships: [] }
  const caller = createCaller({ auth, appUrl: appUrlFor(request) })
  const [me, partnerships] = await Promise.all([caller.me(), caller.partnership.list()])
  return { user: me, partnerships }
}
export { roleCan } from '../server/access/permissions.ts'
