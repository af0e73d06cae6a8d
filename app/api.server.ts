// The one bridge from app/ to server/: routes import from here, never from server/ directly, so that the
// classic compiler (which empties only *.server modules under app/) keeps server code out of the browser.
import { type TypedResponse, json, redirect } from '@remix-run/node'
import { promisify } from 'node:util'
import { constants as zlibConstants, gzip } from 'node:zlib'
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import { type Auth, authenticate, clientAddress, endSession, startSession } from '../server/auth/session.server.ts'
import { login } from '../server/auth/login.server.ts'
import { appBaseUrl } from '../server/http/app-url.ts'
import { DATA_REQUEST_HEADER } from '../server/http/app.server.ts'
import { acceptInvitation } from '../server/members/accept-invitation.server.ts'
import { getInvitationByToken } from '../server/members/get-invitation.server.ts'
import { createCaller } from '../server/trpc/router.ts'
import { HTTP_STATUS, type FieldError, toAppError } from '../server/errors.ts'
import { requirePartnershipScope } from '../server/access/policy.server.ts'
import { HOT_LOADERS } from '../server/http/hot-loaders.ts'
import { authorisedHotCopy } from '../server/http/authorised-hot-copy.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../server/cache/short-cache.ts'
import { importTicketsCsv } from '../server/tickets/import-tickets-csv.server.ts'
import { importMetricsCsv } from '../server/metrics/import-metrics-csv.server.ts'
import { getPackPdf } from '../server/pack/list-pack-versions.server.ts'
import { exportPackPptx } from '../server/pack/export-pack-pptx.server.ts'
import { acquireUsage } from '../server/auth/usage-limits.server.ts'
export { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '../server/tickets/import-tickets-csv.server.ts'

export { handleTrpcRequest } from '../server/trpc/handler.server.ts'
import { logger } from '../server/observability/logger.server.ts'

/** An unexpected error of a page, in the log (with its request id) rather than on the console. */
export function logError(error: unknown): void {
  logger().error({ err: error }, 'page request failed')
}
export { login, startSession, endSession, acceptInvitation, getInvitationByToken, clientAddress }
export { ROLE_LABELS, ROLES, rolesForKind } from '../server/access/permissions.ts'
// Sign-in steps and account recovery outside a session (ADR 017).
export { beginSignIn, completeMfaChallenge, getPendingSignIn } from '../server/auth/mfa-challenge.server.ts'
export { completePasswordReset, getPasswordReset, requestPasswordReset } from '../server/auth/password-reset.server.ts'
export { completeSetup, getSetupLink } from '../server/auth/setup-link.server.ts'
export { ZChangePasswordInput, ZCompletePasswordResetInput, ZMfaChallengeInput, ZRequestPasswordResetInput, ZSetupInput } from '../server/auth/mfa.schemas.ts'

/** An error answer's headers: Retry-After when the error says how long to wait (429). */
export function retryHeaders(e: ApiError): Record<string, string> {
  return e.details?.retryAfterSeconds ? { 'Retry-After': String(e.details.retryAfterSeconds) } : {}
}

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
  if (!auth) throw toLogin(request, setCookie)
  return apiFor(request, auth, setCookie)
}

const cookieHeaders = (setCookie: string | null) => new Headers(setCookie ? { 'Set-Cookie': setCookie } : {})

function toLogin(request: Request, setCookie: string | null) {
  const url = new URL(request.url)
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`, { headers: cookieHeaders(setCookie) })
}

function apiFor(request: Request, auth: Auth, setCookie: string | null) {
  return { caller: createCaller({ auth, appUrl: appBaseUrl(), clientIp: clientAddress(request) }), user: auth.user, headers: cookieHeaders(setCookie) }
}

const gzipAsync = promisify(gzip)
const GZIP_LEVEL = zlibConstants.Z_BEST_SPEED

// Serialised loader bodies are large (a 500-card board is ~125 kB): few are kept.
const LOADER_BODIES_KEPT = 200

/**
 * A partnership page's loader data, serialised once and served to every request until the partnership's next write
 * (or the workspace TTL, for writes by another process): the same freshness as the lists it is built from
 * (ADR 005), without rebuilding and re-serialising them per request. Access is checked on every request first.
 * What the copy depends on is declared once, in server/http/hot-loaders.ts, which the server's fast path for
 * client-side navigations reads too.
 */
export async function partnershipJson<T>(
  request: Request,
  slug: string,
  routeId: keyof typeof HOT_LOADERS,
  build: (caller: ReturnType<typeof createCaller>) => Promise<T>,
): Promise<TypedResponse<T>> {
  let access
  try {
    access = await authorisedHotCopy(request, HOT_LOADERS[routeId], slug)
  } catch (error) {
    const e = describeError(error)
    throw json({ message: e.message }, { status: e.status })
  }
  if (!access.copy) throw toLogin(request, access.setCookie)
  const { copy } = access
  const { caller, headers } = apiFor(request, access.auth, access.setCookie)
  const body = await cachedPartnershipRead(
    copy.cache,
    copy.partnershipId,
    copy.key,
    WORKSPACE_READ_TTL_MS,
    async () => {
      const text = JSON.stringify(await build(caller))
      // Compressed in libuv's thread pool, not on the one JavaScript thread: every write makes each hot copy of the
      // partnership be rebuilt, and a synchronous gzip of a 500-card board (~180 kB, 5–9 ms at level 6) per copy
      // stalled every other request behind it under 10% edits (ADR 005 addendum). Level 1 costs a third of level 6
      // for ~13% more bytes on these lists.
      return { text, gzip: await gzipAsync(text, { level: GZIP_LEVEL }) }
    },
    LOADER_BODIES_KEPT,
  )
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.set('Vary', 'Accept-Encoding')
  // A browser's client-side navigation (`_data`) takes the copy compressed once; a document request's loader data
  // is read by Remix itself on the server, so it gets the plain text.
  if (request.headers.get(DATA_REQUEST_HEADER) === '1' && /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')) {
    headers.set('Content-Encoding', 'gzip')
    headers.set('Content-Length', String(body.gzip.byteLength))
    return new Response(body.gzip, { headers }) as TypedResponse<T>
  }
  return new Response(body.text, { headers }) as TypedResponse<T>
}

export async function getOptionalUser(request: Request) {
  return (await authenticate(request)).auth?.user ?? null
}

/** What the app shell needs on every page: who is signed in and the partnerships to switch between. */
export async function getShell(request: Request) {
  const { auth } = await authenticate(request)
  if (!auth) return { user: null, partnerships: [] }
  const caller = createCaller({ auth, appUrl: appBaseUrl() })
  const [me, partnerships] = await Promise.all([caller.me(), caller.partnership.list()])
  return { user: me, partnerships }
}
export { roleCan } from '../server/access/permissions.ts'
export { DEMO_POLICY } from '../server/sla/policy.ts'

/**
 * Streams a CSV upload into the ticket store for a caller allowed to write tickets (same access policy as the
 * procedures), answering NDJSON: progress lines, then the summary (or an error line).
 */
export async function importCsvResponse(request: Request, slug: string): Promise<Response> {
  const { auth } = await authenticate(request)
  if (!auth) return json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token' } }, { status: 401 })
  let scope
  try {
    scope = await requirePartnershipScope(auth.user.id, slug, 'ticket.write')
  } catch (error) {
    const e = describeError(error)
    return json({ error: { code: e.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message: e.message } }, { status: e.status })
  }
  if (!request.body) return json({ error: { code: 'BAD_REQUEST', message: 'file: send the CSV as the request body', field: 'file' } }, { status: 400 })
  let release: () => void
  try {
    release = await acquireUsage(auth.user.id, 'import')
  } catch (error) {
    const e = describeError(error)
    const retry = e.details?.retryAfterSeconds
    return json({ error: { code: 'TOO_MANY_REQUESTS', message: e.message } }, { status: e.status, headers: retry ? { 'Retry-After': String(retry) } : {} })
  }
  const encoder = new TextEncoder()
  const body = request.body
  const requestId = request.headers.get('x-request-id') ?? 'unknown'
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const line = (value: unknown) => controller.enqueue(encoder.encode(JSON.stringify(value) + '\n'))
      try {
        // The import reads the body whole first (atDiskPace): its transaction lasts the parse, not the client's upload.
        line({ summary: await importTicketsCsv(scope, body, { onProgress: (p) => line({ progress: p }) }) })
      } catch (error) {
        const app = toAppError(error)
        if (app) line({ error: { status: HTTP_STATUS[app.code], message: app.message, fieldErrors: app.fieldErrors, details: app.details } })
        else {
          // Unexpected: the client gets the request id, the log the details.
          logger().error({ requestId, err: error }, 'CSV import failed')
          line({ error: { status: 500, message: `Unexpected error (request id ${requestId})`, fieldErrors: [] } })
        }
      } finally {
        release()
      }
      controller.close()
    },
  })
  return new Response(stream, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' } })
}

/**
 * Streams a CSV of metric samples (`metric,at,value[,source]`) into the store; all or nothing, so the answer is
 * one JSON: the summary, or a 400 naming every bad line and field (ADR 024).
 */
export async function importMetricsCsvResponse(request: Request, slug: string): Promise<Response> {
  const { auth } = await authenticate(request)
  if (!auth) return json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token' } }, { status: 401 })
  let scope
  try {
    scope = await requirePartnershipScope(auth.user.id, slug, 'ticket.write')
  } catch (error) {
    const e = describeError(error)
    return json({ error: { code: e.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message: e.message } }, { status: e.status })
  }
  if (!request.body) return json({ error: { code: 'BAD_REQUEST', message: 'file: send the CSV as the request body', field: 'file' } }, { status: 400 })
  let release: () => void
  try {
    release = await acquireUsage(auth.user.id, 'import')
  } catch (error) {
    const e = describeError(error)
    const retry = e.details?.retryAfterSeconds
    return json({ error: { code: 'TOO_MANY_REQUESTS', message: e.message } }, { status: e.status, headers: retry ? { 'Retry-After': String(retry) } : {} })
  }
  try {
    return json({ summary: await importMetricsCsv(scope, request.body) }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    const app = toAppError(error)
    if (!app) throw error
    return json({ error: { code: app.code, message: app.message, fieldErrors: app.fieldErrors, details: app.details } }, { status: HTTP_STATUS[app.code] })
  } finally {
    release()
  }
}
export { METRIC_CSV_COLUMNS } from '../server/metrics/import-metrics-csv.server.ts'
export { KPI_METRICS } from '../server/csi/csi.schemas.ts'
// The public origin (APP_URL behind a proxy), for examples shown on pages such as the API tokens page.
export { appBaseUrl }
// The invitation form checks its fields together (the password confirmation is the form's own) before accepting.
export { ZAcceptInvitationInput } from '../server/auth/schemas.ts'
// The PSA connection form posts these fields; the action builds the input the `connector.save` schema checks.
export { CREDENTIAL_FIELDS } from '../server/connectors/connector.schemas.ts'

// QBR packs: the PDF downloads as stored, through the same access policy and domain function as the `pack` procedures.
async function packScope(request: Request, slug: string) {
  const { auth } = await authenticate(request)
  if (!auth) return { error: json({ error: { code: 'UNAUTHORIZED', message: 'Sign in or send an API token' } }, { status: 401 }) }
  try {
    return { auth, scope: await requirePartnershipScope(auth.user.id, slug, 'pack.read') }
  } catch (error) {
    const e = describeError(error)
    return { error: json({ error: { code: e.status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', message: e.message } }, { status: e.status }) }
  }
}

/** The stored PDF of one version, byte for byte (its SHA-256 as the ETag), or the same version as a PPTX deck. */
export async function packFileResponse(request: Request, slug: string, quarter: string, file: string): Promise<Response> {
  // A link in a page: a browser without a session goes to sign in, as for any page; an API client gets 401.
  if (!request.headers.has('Authorization') && !(await authenticate(request)).auth) {
    const url = new URL(request.url)
    return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  const access = await packScope(request, slug)
  if (access.error) return access.error
  const version = /^v([1-9]\d{0,5})\.(pdf|pptx)$/.exec(file)
  if (!version) return json({ error: { code: 'NOT_FOUND', message: 'Pack version not found' } }, { status: 404 })
  try {
    const input = { slug, quarter, version: Number(version[1]) }
    if (version[2] === 'pptx') {
      // Drawn from the frozen snapshot on each download (pptxgenjs stamps the time into the file): no ETag of its own.
      const { pptx, version: v } = await exportPackPptx(access.scope, input)
      return new Response(new Uint8Array(pptx), {
        headers: {
          'Content-Type': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
          'Content-Disposition': `attachment; filename="qbr-${slug}-${v.quarter}-v${v.version}.pptx"`,
          'Content-Length': String(pptx.length),
          'Cache-Control': 'private, no-store',
        },
      })
    }
    const { pdf, version: v } = await getPackPdf(access.scope, input)
    return new Response(Buffer.from(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="qbr-${slug}-${v.quarter}-v${v.version}.pdf"`,
        'Content-Length': String(pdf.length),
        ETag: `"${v.sha256}"`,
        'Cache-Control': 'private, max-age=31536000, immutable',
      },
    })
  } catch (error) {
    const e = describeError(error)
    return json({ error: { code: e.status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: e.message } }, { status: e.status })
  }
}
export type { PackSnapshot } from '../server/pack/snapshot.ts'
export { workspaceView } from '../server/http/hot-loaders.ts'
// SLA disputes: the ticket page's forms are bounded by the same schema constants the `disputes` procedures check.
export { REASON_MAX, REASON_MIN } from '../server/disputes/disputes.schemas.ts'
export type { DisputeDto } from '../server/disputes/disputes.schemas.ts'
// The API's description (ADR 028), served at /api/openapi.json and read by the /api/docs page.
export { openApiDocument } from '../server/openapi/openapi.server.ts'
export { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS } from '../server/webhooks/events.ts'
export type { KeyPersonFigures, KpiFigures, ServiceKpis } from '../server/sla/kpis/service-kpis.schemas.ts'
