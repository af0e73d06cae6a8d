import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'

export interface Session {
  cookie: string
}

function sessionCookie(response: Response): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';')
    if (pair.startsWith('accord_session=') && pair !== 'accord_session=') return pair
  }
  return null
}

/** Posts the login form as a browser would (with our Origin). */
export function postLogin(baseUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl, ...headers },
    body: new URLSearchParams(fields),
  })
}

export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const response = await postLogin(baseUrl, { email, password })
  const cookie = sessionCookie(response)
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${response.status}`)
  return { cookie }
}

export { sessionCookie }

type Auth = { cookie: string } | { token: string }

function authHeaders(auth: Auth): Record<string, string> {
  return 'token' in auth ? { Authorization: `Bearer ${auth.token}` } : { Cookie: auth.cookie }
}

export interface TrpcResult {
  status: number
  body: { result?: { data: unknown }; error?: { message: string; data: { code: string; fieldErrors: Array<{ field: string; message: string }> } } }
}

/** Calls a tRPC procedure over HTTP as curl would: GET with ?input= for queries, POST JSON for mutations. */
export async function trpc(baseUrl: string, auth: Auth | null, kind: 'query' | 'mutation', path: string, input?: unknown): Promise<TrpcResult> {
  const headers: Record<string, string> = auth ? authHeaders(auth) : {}
  let response: Response
  if (kind === 'query') {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`
    response = await fetch(`${baseUrl}/api/trpc/${path}${qs}`, { headers })
  } else {
    response = await fetch(`${baseUrl}/api/trpc/${path}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', Origin: baseUrl },
      body: JSON.stringify(input ?? null),
    })
  }
  return { status: response.status, body: (await response.json()) as TrpcResult['body'] }
}

/**
 * Saves an SLA policy over HTTP as its editor would: on top of the newest version the editor sees now
 * (`sla.policyVersions`, which lists a version that no longer passes the rules too), the base every save names.
 */
export async function savePolicy(baseUrl: string, auth: Auth, slug: string, policy: unknown): Promise<TrpcResult> {
  const versions = (await trpc(baseUrl, auth, 'query', 'sla.policyVersions', { slug })).body.result?.data as Array<{ version: number }> | undefined
  return trpc(baseUrl, auth, 'mutation', 'sla.setPolicy', { slug, policy, baseVersion: versions?.[0]?.version ?? 0 })
}

/** GETs a page as a signed-in browser. */
export function page(baseUrl: string, session: Session | null, path: string) {
  return fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: session ? { Cookie: session.cookie } : {} })
}
