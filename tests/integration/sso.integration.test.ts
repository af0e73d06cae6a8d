// Single sign-on against a real OpenID Connect provider (oidc-provider) in this process: the whole code flow with
// PKCE, state and nonce, over the real HTTP stack, and what the organization's settings decide.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { setTxtLookupForTests } from '../../server/auth/sso/dns-txt.server.ts'
import { db } from '../../server/db/client.server.ts'
import { inviteMember } from '../../server/members/invite-member.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { postLogin, sessionCookie, trpc } from '../helpers/http.ts'
import { type TestIdp, loginAtIdp, startTestIdp } from '../helpers/oidc-provider.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { adminScope, connectToIdp, fakeDns, verifiedDomain } from '../helpers/sso.ts'

let server: TestServer
let idp: TestIdp
let dns: Map<string, string[]>
beforeAll(async () => {
  server = await startTestServer()
  idp = await startTestIdp([`${server.url}/auth/sso/callback`])
})
afterAll(async () => {
  setTxtLookupForTests(undefined)
  await idp.close()
  await server.close()
})
beforeEach(async () => {
  idp.accounts.clear()
  dns = new Map()
  fakeDns(dns)
  await seedDemo()
  await verifiedDomain('contoso', 'contoso.example', dns)
  await connectToIdp('contoso', idp)
})

/** Step one in a browser: the work email on /auth/sso; the answer sends it to the provider with a sealed cookie. */
async function startSso(email: string, redirectTo = '/sla') {
  const response = await fetch(`${server.url}/auth/sso`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams({ email, redirectTo }),
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('accord_sso='))?.split(';')[0] ?? ''
  return { status: response.status, location: response.headers.get('location') ?? '', cookie, response }
}

function callback(url: string, cookie: string) {
  return fetch(url, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} })
}

/** The whole flow for an address, signing in at the provider as `login` (default: the address itself). */
async function signInWithSso(email: string, login = email) {
  const start = await startSso(email)
  expect(start.status).toBe(302)
  return callback(await loginAtIdp(start.location, login), start.cookie)
}

async function auditActions(action: string) {
  return (await db()).auditEvent.findMany({ where: { action }, orderBy: { createdAt: 'asc' } })
}

describe('sign-in with SSO', () => {
  it('sends the browser to the provider with PKCE, state and nonce, and signs a member in with a normal session', async () => {
    const start = await startSso('Chris@Contoso.example')
    expect(start.status).toBe(302)
    const authorize = new URL(start.location)
    expect(authorize.origin).toBe(idp.issuer)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    for (const p of ['code_challenge', 'state', 'nonce']) expect(authorize.searchParams.get(p)?.length, p).toBeGreaterThanOrEqual(32)
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/auth/sso/callback`)
    expect(start.response.headers.getSetCookie().join()).toMatch(/accord_sso=.*HttpOnly.*SameSite=Lax/)

    const back = await callback(await loginAtIdp(start.location, 'chris@contoso.example'), start.cookie)
    expect(back.status).toBe(302)
    expect(back.headers.get('location')).toBe('/sla')
    const session = sessionCookie(back)!
    expect(back.headers.getSetCookie().join()).toMatch(/accord_sso=;/)
    const me = await trpc(server.url, { cookie: session }, 'query', 'me')
    expect(me.body.result?.data).toMatchObject({ email: 'chris@contoso.example' })
    expect(await (await db()).session.count({ where: { user: { email: 'chris@contoso.example' } } })).toBe(1)
    const [event] = await auditActions('sso.signIn')
    expect(event).toMatchObject({ entityType: 'User', actorLabel: 'SSO <chris@contoso.example>' })
    expect(event.changes).toMatchObject({ via: { after: 'member' }, issuer: { after: idp.issuer } })
  })

  it('refuses an unknown address under the refuse policy, and lets an invited one in with the invited role', async () => {
    const refused = await signInWithSso('newbie@contoso.example')
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('has no Accord account in this organization')
    expect(sessionCookie(refused)).toBeNull()
    expect(await (await db()).user.findUnique({ where: { email: 'newbie@contoso.example' } })).toBeNull()
    expect((await auditActions('sso.signIn.refused')).map((e) => e.entityId)).toEqual(['newbie@contoso.example'])

    const scope = await adminScope('contoso')
    await inviteMember(scope, scope.actor, { email: 'newbie@contoso.example', role: 'CLIENT_IT' }, server.url)
    const invited = await signInWithSso('newbie@contoso.example')
    expect(invited.status).toBe(302)
    const me = await trpc(server.url, { cookie: sessionCookie(invited)! }, 'query', 'me')
    expect(me.body.result?.data).toMatchObject({ email: 'newbie@contoso.example', memberships: [{ org: { slug: 'contoso' }, role: 'CLIENT_IT' }] })
    const user = await (await db()).user.findUniqueOrThrow({ where: { email: 'newbie@contoso.example' } })
    expect(user.passwordHash).toBeNull()
    expect(await (await db()).invitation.count({ where: { email: 'newbie@contoso.example', acceptedAt: { not: null } } })).toBe(1)
  })

  it('creates an unknown address as a member with the chosen role under the provision policy', async () => {
    await connectToIdp('contoso', idp, { unknownUserPolicy: 'PROVISION', provisionRole: 'VIEWER', clientSecret: undefined })
    idp.accounts.set('nora@contoso.example', { name: 'Nora North' })
    const back = await signInWithSso('nora@contoso.example')
    expect(back.status).toBe(302)
    const me = await trpc(server.url, { cookie: sessionCookie(back)! }, 'query', 'me')
    expect(me.body.result?.data).toMatchObject({ email: 'nora@contoso.example', name: 'Nora North', memberships: [{ org: { slug: 'contoso' }, role: 'VIEWER' }] })
    expect((await auditActions('sso.provision')).length).toBe(1)
  })

  it('refuses an address the provider does not vouch for, and one outside the organization’s verified domains', async () => {
    idp.accounts.set('chris@contoso.example', { email_verified: false })
    const unverified = await signInWithSso('chris@contoso.example')
    expect(unverified.status).toBe(403)
    expect(await unverified.text()).toContain('does not vouch for chris@contoso.example')

    // The provider may answer with any address: one on a domain Contoso has not verified is refused.
    idp.accounts.set('mallory', { email: 'ava@northwind.example' })
    const foreign = await signInWithSso('chris@contoso.example', 'mallory')
    expect(foreign.status).toBe(403)
    expect(await foreign.text()).toContain('northwind.example is not one of this organization')
    expect(sessionCookie(foreign)).toBeNull()
    expect((await auditActions('sso.signIn.refused')).map((e) => (e.changes as { reason: { after: string } }).reason.after)).toEqual([
      'email not verified',
      'domain not verified',
    ])
  })

  it('refuses a tampered state, a nonce the sign-in did not send, a missing or forged cookie, and a replayed code', async () => {
    const a = await startSso('chris@contoso.example')
    const answer = new URL(await loginAtIdp(a.location, 'chris@contoso.example'))
    const tampered = new URL(answer)
    tampered.searchParams.set('state', 'x'.repeat(43))
    const stateRefused = await callback(tampered.href, a.cookie)
    expect(stateRefused.status).toBe(401)
    expect(await stateRefused.text()).toContain('state mismatch')

    const noCookie = await callback(answer.href, '')
    expect(noCookie.status).toBe(400)
    expect(await noCookie.text()).toContain('expired or was started in another browser')
    const forged = await callback(answer.href, `${a.cookie.slice(0, -4)}AAAA`)
    expect(forged.status).toBe(400)

    // An attacker who swaps the nonce on the way to the provider gets a token that does not match this sign-in.
    const b = await startSso('chris@contoso.example')
    const swapped = new URL(b.location)
    swapped.searchParams.set('nonce', 'n'.repeat(43))
    const nonceRefused = await callback(await loginAtIdp(swapped.href, 'chris@contoso.example'), b.cookie)
    expect(nonceRefused.status).toBe(401)
    expect(await nonceRefused.text()).toContain('nonce mismatch')

    const c = await startSso('chris@contoso.example')
    const good = await loginAtIdp(c.location, 'chris@contoso.example')
    expect((await callback(good, c.cookie)).status).toBe(302)
    const replay = await callback(good, c.cookie)
    expect(replay.status).toBe(401)
    expect(await replay.text()).toContain('refused the sign-in code')
    expect(sessionCookie(replay)).toBeNull()
    expect(await (await db()).session.count()).toBe(1)
  })

  it('answers an address whose domain has no SSO with 400 naming the field', async () => {
    const start = await startSso('ava@northwind.example')
    expect(start.status).toBe(400)
    expect(await start.response.text()).toContain('Single sign-on is not set up for northwind.example')
  })
})

describe('SSO-only organizations', () => {
  it('refuse password sign-in for their domain and their members, pointing to SSO; SSO still signs in', async () => {
    await connectToIdp('contoso', idp, { ssoOnly: true, clientSecret: undefined })
    const byDomain = await postLogin(server.url, { email: 'chris@contoso.example', password: 'accord-demo-2026' })
    expect(byDomain.status).toBe(403)
    expect(await byDomain.text()).toContain('Contoso Manufacturing signs its people in with single sign-on only')
    expect(sessionCookie(byDomain)).toBeNull()
    // A member whose address is on another domain is refused too, once the password is right (a wrong one learns nothing).
    const prisma = await db()
    const contoso = await prisma.organization.findUniqueOrThrow({ where: { slug: 'contoso' } })
    const ava = await prisma.user.findUniqueOrThrow({ where: { email: 'ava@northwind.example' } })
    await prisma.membership.create({ data: { organizationId: contoso.id, userId: ava.id, role: 'VIEWER' } })
    expect((await postLogin(server.url, { email: 'ava@northwind.example', password: 'wrong-password' })).status).toBe(401)
    expect((await postLogin(server.url, { email: 'ava@northwind.example', password: 'accord-demo-2026' })).status).toBe(403)
    // Other organizations keep their passwords.
    expect((await postLogin(server.url, { email: 'tara@tailspin.example', password: 'accord-demo-2026' })).status).toBe(302)
    expect((await signInWithSso('chris@contoso.example')).status).toBe(302)
  })

  it('cannot be turned on without a verified domain', async () => {
    const token = await tokenFor('fiona@fabrikam.example')
    const result = await trpc(server.url, { token }, 'mutation', 'sso.saveConnection', {
      org: 'fabrikam', issuerUrl: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, unknownUserPolicy: 'REFUSE', ssoOnly: true, enabled: true,
    })
    expect(result.status).toBe(400)
    expect(result.body.error?.data.fieldErrors).toEqual([{ field: 'ssoOnly', message: 'Verify at least one email domain before turning off passwords' }])
    expect(await (await db()).ssoConnection.count({ where: { organization: { slug: 'fabrikam' } } })).toBe(0)
  })
})

describe('settings', () => {
  it('never return the client secret, keep it sealed at rest, and ask for it again when the issuer changes', async () => {
    const token = await tokenFor('casey@contoso.example')
    const settings = await trpc(server.url, { token }, 'query', 'sso.settings', { org: 'contoso' })
    expect(settings.status).toBe(200)
    expect(settings.body.result?.data).toMatchObject({ connection: { issuerUrl: idp.issuer, hasClientSecret: true }, redirectUri: `${server.url}/auth/sso/callback` })
    expect(JSON.stringify(settings.body)).not.toContain(idp.clientSecret)
    const row = await (await db()).ssoConnection.findFirstOrThrow()
    expect(row.clientSecret).not.toContain(idp.clientSecret)
    expect(JSON.stringify(await (await db()).auditEvent.findMany())).not.toContain(idp.clientSecret)

    const moved = await trpc(server.url, { token }, 'mutation', 'sso.saveConnection', {
      org: 'contoso', issuerUrl: 'https://login.example.net', clientId: idp.clientId, unknownUserPolicy: 'REFUSE', ssoOnly: false, enabled: true,
    })
    expect(moved.status).toBe(400)
    expect(moved.body.error?.data.fieldErrors).toEqual([{ field: 'clientSecret', message: 'The issuer changed: enter the client secret again' }])
    const insecure = await trpc(server.url, { token }, 'mutation', 'sso.saveConnection', {
      org: 'contoso', issuerUrl: 'http://10.0.0.1', clientId: 'x', clientSecret: 'y', unknownUserPolicy: 'REFUSE', ssoOnly: false, enabled: true,
    })
    expect(insecure.body.error?.data.fieldErrors[0]?.field).toBe('issuerUrl')

    const check = await trpc(server.url, { token }, 'mutation', 'sso.checkConnection', { org: 'contoso' })
    expect(check.body.result?.data).toMatchObject({ ok: true })
    expect((check.body.result?.data as { message: string }).message).toContain('PKCE S256 supported')
  })

  it('verify a domain by its TXT record, for one organization only', async () => {
    const fiona = await tokenFor('fiona@fabrikam.example')
    const claim = await trpc(server.url, { token: fiona }, 'mutation', 'sso.claimDomain', { org: 'fabrikam', domain: 'Fabrikam.Example.' })
    expect(claim.status).toBe(200)
    const domainId = (claim.body.result?.data as { id: string }).id
    const early = await trpc(server.url, { token: fiona }, 'mutation', 'sso.verifyDomain', { org: 'fabrikam', domainId })
    expect(early.body.result?.data).toMatchObject({ verified: false })
    expect((early.body.result?.data as { message: string }).message).toContain('_accord-challenge.fabrikam.example')
    const settings = await trpc(server.url, { token: fiona }, 'query', 'sso.settings', { org: 'fabrikam' })
    const [domain] = (settings.body.result?.data as { domains: Array<{ recordName: string; recordValue: string }> }).domains
    dns.set(domain.recordName, ['v=spf1 -all', domain.recordValue])
    const done = await trpc(server.url, { token: fiona }, 'mutation', 'sso.verifyDomain', { org: 'fabrikam', domainId })
    expect(done.body.result?.data).toMatchObject({ verified: true })

    // contoso.example is Contoso's: Fabrikam cannot claim it, nor take it by publishing a record of its own.
    const taken = await trpc(server.url, { token: fiona }, 'mutation', 'sso.claimDomain', { org: 'fabrikam', domain: 'contoso.example' })
    expect(taken.status).toBe(409)
    const bad = await trpc(server.url, { token: fiona }, 'mutation', 'sso.claimDomain', { org: 'fabrikam', domain: 'https://x' })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors[0]?.field).toBe('domain')
  })
})
