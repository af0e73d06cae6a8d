import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ACCOUNT_LIMIT } from '../../server/auth/rate-limit.server.ts'
import { db } from '../../server/db/client.server.ts'
import { inviteMember } from '../../server/members/invite-member.server.ts'
import { postLogin, sessionCookie, signIn, trpc, page } from '../helpers/http.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(() => seedDemo())

describe('sign-in', () => {
  it('answers a wrong password with 401, the form and a message', async () => {
    const response = await postLogin(server.url, { email: 'casey@contoso.example', password: 'not-her-password' })
    expect(response.status).toBe(401)
    const html = await response.text()
    expect(html).toContain('Wrong email or password')
    expect(html).toContain('name="password"')
    expect(sessionCookie(response)).toBeNull()
  })

  it('answers a malformed form with 400 naming the field', async () => {
    const response = await postLogin(server.url, { email: 'not-an-email', password: '' })
    expect(response.status).toBe(400)
    const html = await response.text()
    expect(html).toContain('Enter a valid email address')
    expect(html).toContain('Enter your password')
  })

  it('signs in with a fresh session id, HttpOnly and SameSite=Lax, and revokes the one presented', async () => {
    const first = await signIn(server.url, 'casey@contoso.example')
    const again = await postLogin(server.url, { email: 'casey@contoso.example', password: 'accord-demo-2026' }, { Cookie: first.cookie })
    expect(again.status).toBe(302)
    const header = again.headers.getSetCookie().join('\n')
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Lax/)
    const second = sessionCookie(again)!
    expect(second).not.toBe(first.cookie)
    expect((await trpc(server.url, first, 'query', 'me')).status).toBe(401)
    expect((await trpc(server.url, { cookie: second }, 'query', 'me')).status).toBe(200)
  })

  it('locks an account after repeated failures and tells when to retry, even for the right password', async () => {
    for (let i = 0; i < ACCOUNT_LIMIT.points; i++) {
      const r = await postLogin(server.url, { email: 'chris@contoso.example', password: `guess-${i}` })
      expect(r.status).toBe(i < ACCOUNT_LIMIT.points - 1 ? 401 : 429)
    }
    const locked = await postLogin(server.url, { email: 'chris@contoso.example', password: 'accord-demo-2026' })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await locked.text()).toMatch(/Too many failed sign-in attempts. Try again in \d+ minutes?/)
    // Another account from the same address is not locked by chris's failures.
    expect((await postLogin(server.url, { email: 'casey@contoso.example', password: 'accord-demo-2026' })).status).toBe(302)
  })

  it('refuses a form post from a foreign Origin with 403', async () => {
    const response = await postLogin(server.url, { email: 'casey@contoso.example', password: 'accord-demo-2026' }, { Origin: 'https://evil.example' })
    expect(response.status).toBe(403)
    expect(sessionCookie(response)).toBeNull()
  })

  it('logs out and the session no longer works', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    const out = await fetch(`${server.url}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: session.cookie, Origin: server.url } })
    expect(out.status).toBe(302)
    expect((await page(server.url, session, '/')).headers.get('location')).toMatch(/^\/login/)
  })
})

describe('API tokens', () => {
  it('act as their user until revoked', async () => {
    const token = await tokenFor('alex@northwind.example')
    const me = await trpc(server.url, { token }, 'query', 'me')
    expect(me.status).toBe(200)
    expect(me.body.result?.data).toMatchObject({ email: 'alex@northwind.example' })
    const list = await trpc(server.url, { token }, 'query', 'token.list')
    const id = (list.body.result?.data as Array<{ id: string }>)[0].id
    expect((await trpc(server.url, { token }, 'mutation', 'token.revoke', { id })).status).toBe(200)
    expect((await trpc(server.url, { token }, 'query', 'me')).status).toBe(401)
  })

  it('are stored hashed, never in plain text', async () => {
    const token = await tokenFor('alex@northwind.example')
    const rows = await (await db()).apiToken.findMany()
    expect(rows.some((r) => JSON.stringify(r).includes(token))).toBe(false)
  })

  it('reject an unknown token with 401', async () => {
    expect((await trpc(server.url, { token: 'acc_nope' }, 'query', 'me')).status).toBe(401)
  })
})

describe('invitations', () => {
  async function invite(email: string, now = new Date()) {
    const prisma = await db()
    const contoso = await prisma.organization.findUniqueOrThrow({ where: { slug: 'contoso' } })
    const casey = await prisma.user.findUniqueOrThrow({ where: { email: 'casey@contoso.example' } })
    const scope = { userId: casey.id, orgId: contoso.id, orgSlug: 'contoso', kind: 'CLIENT' as const, role: 'CLIENT_EXECUTIVE' as const }
    return inviteMember(scope, { userId: casey.id, label: 'Casey' }, { email, role: 'CLIENT_IT' }, server.url, now)
  }

  it('lets the invitee set a password, join with the role, and sign in; the link works once', async () => {
    const { link } = await invite('newbie@contoso.example')
    const path = new URL(link).pathname
    expect((await page(server.url, null, path)).status).toBe(200)
    const accept = await fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ name: 'New Bie', password: 'a-long-password-1', confirm: 'a-long-password-1' }),
    })
    expect(accept.status).toBe(302)
    const session = { cookie: sessionCookie(accept)! }
    const me = await trpc(server.url, session, 'query', 'me')
    expect(me.body.result?.data).toMatchObject({ email: 'newbie@contoso.example', memberships: [{ org: { slug: 'contoso' }, role: 'CLIENT_IT' }] })
    const reuse = await fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ name: 'Mallory', password: 'another-password-2', confirm: 'another-password-2' }),
    })
    expect(reuse.status).toBeGreaterThanOrEqual(400)
  })

  it('refuses an expired invitation', async () => {
    const { link } = await invite('late@contoso.example', new Date(Date.now() - 8 * 86_400_000))
    const path = new URL(link).pathname
    const accept = await fetch(`${server.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ name: 'Late', password: 'a-long-password-1', confirm: 'a-long-password-1' }),
    })
    expect(accept.status).toBe(400)
    expect(await accept.text()).toContain('expired')
    expect(await (await db()).user.findUnique({ where: { email: 'late@contoso.example' } })).toBeNull()
  })
})
