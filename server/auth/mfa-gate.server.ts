import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { namedCache } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { SESSION_COOKIE } from './lucia.server.ts'
import { authenticate } from './session.server.ts'

// "MFA required for members" (ADR 017): a signed-in member of such an organization without MFA may reach only
// the enrolment page (and what it needs), until they enrol. One gate in front of every page and procedure, so no
// route can forget it. API tokens are not gated: they are separate credentials a user made while signed in, and
// an admin revokes them on the member's behalf.
const due = () => namedCache<boolean>('mfaDue', 2_000)

/**
 * One read per user at a time (getOrCompute): when the two-second copy expires, every request the user has in flight
 * asked the database at once, and under 50 concurrent requests that queued 40 of them on the pool of 10 (ADR 005
 * addendum, issue 14 §4). A clear meanwhile (MFA set up, a policy changed) is not undone by a read begun before it.
 */
export async function mfaEnrolmentDue(userId: string): Promise<boolean> {
  return due().getOrCompute(userId, async () => {
    const row = await (await db()).membership.findFirst({
      where: { userId, organization: { mfaRequired: true }, user: { OR: [{ totp: { is: null } }, { totp: { is: { confirmedAt: null } } }] } },
      select: { userId: true },
    })
    return row !== null
  })
}

const ENROL_PATH = '/account/security'
// /__manifest: Remix's route discovery (route ids and module URLs, nothing of a tenant).
const OPEN_PATHS = [ENROL_PATH, '/logout', '/healthz', '/__manifest']
// The account router serves the enrolment page; `me` feeds the header on it.
const OPEN_PROCEDURE = /^(account\.[A-Za-z.]+|me)$/

function allowedWhileDue(path: string): boolean {
  if (OPEN_PATHS.includes(path) || path.startsWith('/login')) return true
  const trpc = /^\/api\/trpc\/(.+)$/.exec(path)
  if (trpc === null) return false
  let names: string
  try {
    names = decodeURIComponent(trpc[1])
  } catch {
    // Malformed percent-encoding names no procedure (the router answers it 400); thrown here, in an async
    // middleware, it was a rejection nobody handled, and one request with any session cookie stopped the server.
    return false
  }
  return names.split(',').every((p) => OPEN_PROCEDURE.test(p))
}

export function mfaEnrolmentGate() {
  // Whatever the gate throws goes to the error handler: an async middleware's rejection is not Express's to catch.
  return (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void gate(req, res, next).catch(next)
}

async function gate(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const cookie = req.get('cookie')
  if (!cookie?.includes(`${SESSION_COOKIE}=`) || req.get('authorization') || allowedWhileDue(req.path)) return next()
  const { auth, setCookie } = await authenticate(new Request(new URL(req.originalUrl, 'http://local'), { headers: { cookie } }))
  if (setCookie) res.append('Set-Cookie', setCookie)
  if (!auth || !(await mfaEnrolmentDue(auth.user.id))) return next()
  const message = 'Your organization requires two-step sign-in: set it up first'
  if (req.path.startsWith('/api/')) return void res.status(403).json({ error: { code: 'FORBIDDEN', message } })
  const location = `${ENROL_PATH}?required=1`
  // A client-side navigation asks for data: Remix's own redirect answer, so the browser follows it.
  if (typeof req.query._data === 'string') return void res.status(204).set({ 'X-Remix-Redirect': location, 'X-Remix-Status': '303' }).end()
  if (req.method === 'GET' || req.method === 'HEAD') return void res.redirect(303, location)
  res.status(403).type('text/plain').send(message)
}
