// Two-step sign-in (issue 13 §4, ADR 017): enrolment, the challenge after the password, recovery codes,
// removal by the user or an org admin, and the org rule — over HTTP, as a browser and an API client would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { MFA_CODE_LIMIT } from '../../server/auth/recovery-limits.server.ts'
import { totpCodeAt } from '../../server/auth/totp.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type Session, page, postLogin, sessionCookie, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => seedDemo())

const STEP_MS = 30_000
const data = <T>(r: { body: { result?: { data: unknown } } }) => r.body.result?.data as T

function pendingCookie(response: Response): string | null {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('accord_mfa_pending=') && !c.startsWith('accord_mfa_pending=;'))
  return header ? header.split(';')[0] : null
}

/** Signs in, enrols MFA with the returned key, and returns the key, the recovery codes and the session. */
async function enrol(email: string): Promise<{ secret: string; recoveryCodes: string[]; session: Session }> {
  const session = await signIn(server.url, email)
  const started = await trpc(server.url, session, 'mutation', 'account.mfa.start')
  expect(started.status).toBe(200)
  const { secret, uri } = data<{ secret: string; uri: string }>(started)
  expect(uri).toMatch(new RegExp(`^otpauth://totp/Accord:${encodeURIComponent(email)}\\?.*secret=${secret}`))
  const confirmed = await trpc(server.url, session, 'mutation', 'account.mfa.confirm', { code: totpCodeAt(secret, new Date()) })
  expect(confirmed.status).toBe(200)
  return { secret, recoveryCodes: data<{ recoveryCodes: string[] }>(confirmed).recoveryCodes, session }
}

/** The password step: a pending sign-in cookie (no session) and the code page. */
async function passwordStep(email: string): Promise<string> {
  const response = await postLogin(server.url, { email, password: DEMO_PASSWORD, redirectTo: '/sla' })
  expect(response.status).toBe(302)
  expect(response.headers.get('location')).toBe('/login/mfa?redirectTo=%2Fsla')
  expect(sessionCookie(response)).toBeNull()
  return pendingCookie(response)!
}

function postCode(pending: string, code: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/login/mfa`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: pending, ...headers },
    body: new URLSearchParams({ code, redirectTo: '/sla' }),
  })
}

describe('enrolment', () => {
  it('shows a key and QR code, turns on only with a right code, stores the key sealed and the 10 recovery codes hashed, and audits', async () => {
    const session = await signIn(server.url, 'sam@northwind.example')
    const { secret, qrSvg } = data<{ secret: string; qrSvg: string }>(await trpc(server.url, session, 'mutation', 'account.mfa.start'))
    expect(qrSvg).toMatch(/^<svg/)
    const wrong = await trpc(server.url, session, 'mutation', 'account.mfa.confirm', { code: totpCodeAt(secret, new Date(Date.now() - 10 * STEP_MS)) })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error?.data.fieldErrors).toEqual([{ field: 'code', message: 'That code is not right' }])
    const malformed = await trpc(server.url, session, 'mutation', 'account.mfa.confirm', { code: '12ab' })
    expect(malformed.status).toBe(400)
    expect(malformed.body.error?.data.fieldErrors[0].field).toBe('code')
    expect(data<{ mfa: { enabled: boolean } }>(await trpc(server.url, session, 'query', 'account.security')).mfa.enabled).toBe(false)

    const ok = await trpc(server.url, session, 'mutation', 'account.mfa.confirm', { code: totpCodeAt(secret, new Date()) })
    const codes = data<{ recoveryCodes: string[] }>(ok).recoveryCodes
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    const prisma = await db()
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'sam@northwind.example' }, include: { totp: true, recoveryCodes: true } })
    expect(user.totp!.sealedSecret).not.toContain(secret)
    expect(user.totp!.sealedSecret).toMatch(/^v1\./)
    expect(user.recoveryCodes.map((r) => r.codeHash).join()).not.toMatch(new RegExp(codes.map((c) => c.replace(/-/g, '')).join('|')))
    expect(await prisma.auditEvent.count({ where: { action: 'mfa.enable', entityId: user.id } })).toBe(1)
    // Once on, the key cannot be swapped without removing MFA first (which takes a code).
    expect((await trpc(server.url, session, 'mutation', 'account.mfa.start')).status).toBe(409)
  })

  it('is refused to an API token (403): only a browser session changes how its user signs in', async () => {
    const token = await tokenFor('sam@northwind.example')
    for (const path of ['account.mfa.start', 'account.signOutEverywhere']) {
      const refused = await trpc(server.url, { token }, 'mutation', path)
      expect(refused.status, path).toBe(403)
    }
    expect(await (await db()).totpFactor.count()).toBe(0)
  })
})

describe('the challenge at sign-in', () => {
  it('gives a pending sign-in, not a session; a right code makes the session; the same code again is refused', async () => {
    const { secret } = await enrol('alex@northwind.example')
    const pending = await passwordStep('alex@northwind.example')
    // The pending token is no session, under either cookie name.
    const asSession = { cookie: `accord_session=${pending.split('=')[1]}` }
    expect((await trpc(server.url, asSession, 'query', 'me')).status).toBe(401)
    expect((await page(server.url, { cookie: pending }, '/sla')).status).toBe(302)

    const next = totpCodeAt(secret, new Date(Date.now() + STEP_MS))
    const wrong = await postCode(pending, next === '000000' ? '111111' : '000000')
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('That code is not right')
    const right = await postCode(pending, next)
    expect(right.status).toBe(302)
    expect(right.headers.get('location')).toBe('/sla')
    const session = { cookie: sessionCookie(right)! }
    expect((await trpc(server.url, session, 'query', 'me')).status).toBe(200)
    // The pending sign-in is spent, and the code cannot be replayed in a new one within its window.
    const spent = await postCode(pending, next)
    expect(spent.headers.get('location')).toBe('/login?expired=1&redirectTo=%2Fsla')
    expect(sessionCookie(spent)).toBeNull()
    const replay = await postCode(await passwordStep('alex@northwind.example'), next)
    expect(replay.status).toBe(401)
    expect(sessionCookie(replay)).toBeNull()
  })

  it('accepts each recovery code once, and audits its use', async () => {
    const { recoveryCodes } = await enrol('alex@northwind.example')
    const used = await postCode(await passwordStep('alex@northwind.example'), recoveryCodes[3].toUpperCase())
    expect(used.status).toBe(302)
    expect((await postCode(await passwordStep('alex@northwind.example'), recoveryCodes[3])).status).toBe(401)
    const prisma = await db()
    expect(await prisma.auditEvent.count({ where: { action: 'mfa.recovery-code.use' } })).toBe(1)
    expect(await prisma.mfaRecoveryCode.count({ where: { usedAt: null } })).toBe(9)
  })

  it('locks after 5 wrong codes with 429 and Retry-After, even for the right code', async () => {
    const { secret } = await enrol('alex@northwind.example')
    const pending = await passwordStep('alex@northwind.example')
    const right = totpCodeAt(secret, new Date(Date.now() + STEP_MS))
    const wrongCode = right === '999999' ? '999998' : '999999'
    for (let i = 1; i <= MFA_CODE_LIMIT.points; i++) {
      expect((await postCode(pending, wrongCode)).status, `attempt ${i}`).toBe(i < MFA_CODE_LIMIT.points ? 401 : 429)
    }
    const locked = await postCode(pending, right)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60)
    expect(sessionCookie(locked)).toBeNull()
  })

  it('refuses an expired pending sign-in, a malformed code with 400 naming code, and a foreign Origin with 403', async () => {
    const { secret } = await enrol('alex@northwind.example')
    const pending = await passwordStep('alex@northwind.example')
    const malformed = await postCode(pending, 'abc')
    expect(malformed.status).toBe(400)
    expect(await malformed.text()).toContain('Enter the 6-digit code from your app, or one of your recovery codes')
    const code = totpCodeAt(secret, new Date(Date.now() + STEP_MS))
    expect((await postCode(pending, code, { Origin: 'https://evil.example' })).status).toBe(403)
    await (await db()).pendingSignIn.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await postCode(pending, code)
    expect(expired.status).toBe(302)
    expect(expired.headers.get('location')).toBe('/login?expired=1&redirectTo=%2Fsla')
    expect(sessionCookie(expired)).toBeNull()
    // Without a pending sign-in the code page sends the browser back to the password.
    expect((await page(server.url, null, '/login/mfa')).headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('removal', () => {
  it('by the user takes a valid code (401 naming code otherwise), and is audited', async () => {
    const { recoveryCodes, session } = await enrol('sam@northwind.example')
    const wrong = await trpc(server.url, session, 'mutation', 'account.mfa.disable', { code: '0000-0000-0000-0000' })
    expect(wrong.status).toBe(400)
    const unknown = await trpc(server.url, session, 'mutation', 'account.mfa.disable', { code: 'aaaa-bbbb-cccc-dddd' })
    expect(unknown.status).toBe(401)
    expect(unknown.body.error?.data.fieldErrors[0].field).toBe('code')
    expect((await trpc(server.url, session, 'mutation', 'account.mfa.disable', { code: recoveryCodes[0] })).status).toBe(200)
    const prisma = await db()
    expect(await prisma.totpFactor.count()).toBe(0)
    expect(await prisma.mfaRecoveryCode.count()).toBe(0)
    expect(await prisma.auditEvent.count({ where: { action: 'mfa.disable' } })).toBe(1)
    expect((await postLogin(server.url, { email: 'sam@northwind.example', password: DEMO_PASSWORD })).headers.get('location')).toBe('/')
  })

  it('by an admin of the member’s organization, audited there; an admin of another organization gets 404 and changes nothing', async () => {
    await enrol('sam@northwind.example')
    const sam = await (await db()).user.findUniqueOrThrow({ where: { email: 'sam@northwind.example' } })
    const casey = await signIn(server.url, 'casey@contoso.example')
    for (const org of ['contoso', 'northwind']) {
      const refused = await trpc(server.url, casey, 'mutation', 'org.removeMemberMfa', { org, userId: sam.id })
      expect(refused.status, org).toBe(404)
    }
    const engineer = await trpc(server.url, await signIn(server.url, 'alex@northwind.example'), 'mutation', 'org.removeMemberMfa', { org: 'northwind', userId: sam.id })
    expect(engineer.status).toBe(403)
    expect(await (await db()).totpFactor.count()).toBe(1)
    const ava = await signIn(server.url, 'ava@northwind.example')
    expect((await trpc(server.url, ava, 'mutation', 'org.removeMemberMfa', { org: 'northwind', userId: sam.id })).status).toBe(200)
    expect(await (await db()).totpFactor.count()).toBe(0)
    const audit = await trpc(server.url, ava, 'query', 'org.audit', { org: 'northwind', limit: 50 })
    expect(JSON.stringify(audit.body)).toContain('mfa.remove-by-admin')
  })
})

describe('the organization rule “MFA required”', () => {
  it('sends a member without MFA to enrolment after sign-in, lets them do nothing else, and frees them once enrolled', async () => {
    const ava = await signIn(server.url, 'ava@northwind.example')
    expect((await trpc(server.url, ava, 'mutation', 'org.setMfaRequired', { org: 'northwind', required: 'yes' })).body.error?.data.fieldErrors[0].field).toBe('required')
    expect((await trpc(server.url, ava, 'mutation', 'org.setMfaRequired', { org: 'northwind', required: true })).status).toBe(200)

    const signedIn = await postLogin(server.url, { email: 'sam@northwind.example', password: DEMO_PASSWORD })
    expect(signedIn.headers.get('location')).toBe('/account/security?required=1')
    const sam = { cookie: sessionCookie(signedIn)! }
    for (const path of ['/', '/p/northwind-contoso', '/account/tokens']) {
      const blocked = await page(server.url, sam, path)
      expect(blocked.status, path).toBe(303)
      expect(blocked.headers.get('location')).toBe('/account/security?required=1')
    }
    const navigation = await page(server.url, sam, '/p/northwind-contoso?_data=routes%2Fp.%24slug')
    expect(navigation.headers.get('x-remix-redirect')).toBe('/account/security?required=1')
    expect((await trpc(server.url, sam, 'query', 'partnership.list')).status).toBe(403)
    expect((await trpc(server.url, sam, 'mutation', 'token.create', { name: 'escape' })).status).toBe(403)
    expect((await page(server.url, sam, '/account/security')).status).toBe(200)
    // A client user of another organization is not affected.
    expect((await trpc(server.url, await signIn(server.url, 'casey@contoso.example'), 'query', 'partnership.list')).status).toBe(200)

    const { secret } = data<{ secret: string }>(await trpc(server.url, sam, 'mutation', 'account.mfa.start'))
    expect((await trpc(server.url, sam, 'mutation', 'account.mfa.confirm', { code: totpCodeAt(secret, new Date()) })).status).toBe(200)
    expect((await trpc(server.url, sam, 'query', 'partnership.list')).status).toBe(200)
    expect((await page(server.url, sam, '/account/tokens')).status).toBe(200)
    // While required, the member cannot turn it off (an admin can, for a lost phone).
    const off = await trpc(server.url, sam, 'mutation', 'account.mfa.disable', { code: totpCodeAt(secret, new Date(Date.now() + STEP_MS)) })
    expect(off.status).toBe(409)
    expect(await (await db()).totpFactor.count({ where: { confirmedAt: { not: null } } })).toBe(1)
  })
})
