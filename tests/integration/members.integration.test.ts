// Members and invitations through the API as real users: who may invite, change roles and remove; what is
// refused (with which code and field) and that a refused call writes nothing; every write in the audit log.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { appBaseUrl } from '../../server/http/app-url.ts'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { hashToken } from '../../server/tokens/token-format.ts'
import { seedDemo } from '../helpers/factories.ts'
import { type TrpcResult, page, sessionCookie, signIn as signInAs, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { demoTokens } from '../helpers/tenancy.ts'

type Who = 'ava' | 'alex' | 'sam' | 'tara' | 'casey' | 'chris' | 'fiona'
interface AuditEvent {
  id: string
  actor: string
  action: string
  entityType: string
  entityId: string
  changes: Record<string, { before: unknown; after: unknown }>
}
interface Members {
  org: { slug: string; name: string; kind: string }
  members: Array<{ userId: string; email: string; role: string }>
  invitations: Array<{ id: string; email: string; role: string; status: string }>
}

let server: TestServer
let tokens: Map<string, string>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  tokens = await demoTokens()
})

const user = (who: Who) => DEMO_USERS.find((u) => u.email.startsWith(`${who}@`))!
const label = (who: Who) => `${user(who).name} <${user(who).email}>`
const auth = (who: Who) => ({ token: tokens.get(user(who).email)! })
const query = (who: Who, path: string, input?: unknown) => trpc(server.url, auth(who), 'query', path, input)
const mutate = (who: Who, path: string, input?: unknown) => trpc(server.url, auth(who), 'mutation', path, input)

function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}

/** Asserts an error by HTTP status, tRPC code and (when given) exactly the fields it names. */
function refused(result: TrpcResult, status: number, code: string, fields?: string[]) {
  expect({ status: result.status, code: result.body.error?.data.code }).toEqual({ status, code })
  if (fields) expect(result.body.error!.data.fieldErrors.map((f) => f.field).sort()).toEqual([...fields].sort())
}

async function userId(who: Who) {
  return (await (await db()).user.findUniqueOrThrow({ where: { email: user(who).email } })).id
}

/** Everything a member write could touch, to compare before and after a refused call. */
async function footprint() {
  const prisma = await db()
  const [invitations, memberships, audit, users] = await Promise.all([
    prisma.invitation.findMany({ select: { id: true, email: true, role: true, revokedAt: true, acceptedAt: true }, orderBy: { id: 'asc' } }),
    prisma.membership.findMany({ select: { organizationId: true, userId: true, role: true }, orderBy: [{ organizationId: 'asc' }, { userId: 'asc' }] }),
    prisma.auditEvent.count(),
    prisma.user.count(),
  ])
  return { invitations, memberships, audit, users }
}

async function membersOf(who: Who, org: string) {
  return ok<Members>(await query(who, 'org.members', { org }))
}
async function orgAudit(who: Who, org: string) {
  return ok<{ events: AuditEvent[] }>(await query(who, 'org.audit', { org, limit: 200 })).events
}
function acceptInvitation(link: string, fields: Record<string, string>) {
  return fetch(`${server.url}${new URL(link).pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
    body: new URLSearchParams(fields),
  })
}

describe('inviting', () => {
  it.each([
    ['ava', 'northwind', 'Northwind Managed Services', 'MSP_ENGINEER'],
    ['casey', 'contoso', 'Contoso Manufacturing', 'CLIENT_IT'],
    ['fiona', 'fabrikam', 'Fabrikam Financial', 'VIEWER'],
  ] as const)('%s (an admin of %s) gets the link; the invitation is listed, stored hashed and audited', async (who, org, orgName, role) => {
    const before = Date.now()
    const invited = ok<{ invitationId: string; email: string; expiresAt: string; link: string }>(
      await mutate(who, 'org.invite', { org, email: '  New.Person@Example.COM ', role }),
    )
    expect(invited.email).toBe('new.person@example.com')
    expect(invited.link).toMatch(new RegExp(`^${appBaseUrl()}/invitations/[A-Za-z0-9_-]{43}$`))
    const expires = new Date(invited.expiresAt).getTime()
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1_000)
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000)

    const listed = await membersOf(who, org)
    expect(listed.invitations).toEqual([expect.objectContaining({ id: invited.invitationId, email: 'new.person@example.com', role, status: 'PENDING' })])

    const token = invited.link.split('/').pop()!
    const row = await (await db()).invitation.findUniqueOrThrow({ where: { id: invited.invitationId } })
    expect(row.tokenHash).toBe(hashToken(token))
    expect(JSON.stringify(row)).not.toContain(token)

    const [event] = await orgAudit(who, org)
    expect(event).toMatchObject({ actor: label(who), action: 'invitation.create', entityType: 'Invitation', entityId: invited.invitationId })
    expect(event.changes).toEqual({
      email: { before: null, after: 'new.person@example.com' },
      role: { before: null, after: role },
      expiresAt: { before: null, after: invited.expiresAt },
    })

    const landing = await page(server.url, null, new URL(invited.link).pathname)
    expect(landing.status).toBe(200)
    // React separates text nodes with empty comments in server-rendered HTML.
    expect((await landing.text()).replaceAll('<!-- -->', '')).toContain(`Join ${orgName}`)
  })

  it('replaces a pending invitation to the same address: only the newest link works', async () => {
    const first = ok<{ invitationId: string; link: string }>(await mutate('ava', 'org.invite', { org: 'northwind', email: 'twice@example.com', role: 'VIEWER' }))
    const second = ok<{ invitationId: string; link: string }>(await mutate('ava', 'org.invite', { org: 'northwind', email: 'twice@example.com', role: 'MSP_ENGINEER' }))
    expect((await membersOf('ava', 'northwind')).invitations.map((i) => [i.id, i.role])).toEqual([[second.invitationId, 'MSP_ENGINEER']])
    expect((await page(server.url, null, new URL(first.link).pathname)).status).toBe(410)
    expect((await acceptInvitation(first.link, { name: 'Twice', password: 'a-long-password-1', confirm: 'a-long-password-1' })).status).toBe(409)
    const accepted = await acceptInvitation(second.link, { name: 'Twice', password: 'a-long-password-1', confirm: 'a-long-password-1' })
    expect(accepted.status).toBe(302)
    const me = ok<{ memberships: Array<{ org: { slug: string }; role: string }> }>(await trpc(server.url, { cookie: sessionCookie(accepted)! }, 'query', 'me'))
    expect(me.memberships).toEqual([{ org: expect.objectContaining({ slug: 'northwind' }), role: 'MSP_ENGINEER' }])
  })

  it('refuses a role without member.invite with 403, writes nothing, and hides pending invitations from it', async () => {
    ok(await mutate('ava', 'org.invite', { org: 'northwind', email: 'pending@example.com', role: 'VIEWER' }))
    ok(await mutate('casey', 'org.invite', { org: 'contoso', email: 'pending@example.com', role: 'VIEWER' }))
    const before = await footprint()
    for (const [who, org] of [
      ['alex', 'northwind'],
      ['sam', 'northwind'],
      ['tara', 'tailspin'],
      ['chris', 'contoso'],
    ] as const) {
      refused(await mutate(who, 'org.invite', { org, email: `from-${who}@example.com`, role: 'VIEWER' }), 403, 'FORBIDDEN')
      const seen = await membersOf(who, org)
      expect(seen.invitations, `${who} sees invitations`).toEqual([])
      expect(seen.members.length).toBeGreaterThan(0)
    }
    expect(await footprint()).toEqual(before)
  })

  it('refuses to invite an existing member with 409 naming email (in any letter case), but invites a user of another organization', async () => {
    const before = await footprint()
    refused(await mutate('ava', 'org.invite', { org: 'northwind', email: 'alex@northwind.example', role: 'VIEWER' }), 409, 'CONFLICT', ['email'])
    refused(await mutate('casey', 'org.invite', { org: 'contoso', email: ' Chris@Contoso.EXAMPLE', role: 'CLIENT_IT' }), 409, 'CONFLICT', ['email'])
    expect(await footprint()).toEqual(before)
    // The answer for someone with an account elsewhere is the answer for a new address: no account is revealed.
    const elsewhere = ok<Record<string, unknown>>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'tara@tailspin.example', role: 'VIEWER' }))
    const fresh = ok<Record<string, unknown>>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'nobody@example.com', role: 'VIEWER' }))
    expect(Object.keys(elsewhere).sort()).toEqual(Object.keys(fresh).sort())
  })

  it('refuses a role of the other kind of organization with 400 naming role', async () => {
    const before = await footprint()
    refused(await mutate('casey', 'org.invite', { org: 'contoso', email: 'x@example.com', role: 'MSP_ADMIN' }), 400, 'BAD_REQUEST', ['role'])
    refused(await mutate('casey', 'org.invite', { org: 'contoso', email: 'x@example.com', role: 'ACCOUNT_MANAGER' }), 400, 'BAD_REQUEST', ['role'])
    refused(await mutate('ava', 'org.invite', { org: 'northwind', email: 'x@example.com', role: 'CLIENT_EXECUTIVE' }), 400, 'BAD_REQUEST', ['role'])
    expect(await footprint()).toEqual(before)
  })

  it('answers malformed input with 400 field by field and writes nothing', async () => {
    const before = await footprint()
    const cases: Array<[unknown, string[]]> = [
      [{ org: 'northwind', email: 'not-an-email', role: 'OWNER' }, ['email', 'role']],
      [{ org: 'northwind', email: '', role: 'VIEWER' }, ['email']],
      [{ org: 'northwind', email: `${'x'.repeat(250)}@example.com`, role: 'VIEWER' }, ['email']],
      [{ org: 'northwind', email: 42, role: null }, ['email', 'role']],
      [{ org: 'northwind' }, ['email', 'role']],
      [{ email: 'x@example.com', role: 'VIEWER' }, ['org']],
      [null, ['org']],
    ]
    for (const [input, fields] of cases) {
      const result = await mutate('ava', 'org.invite', input)
      refused(result, 400, 'BAD_REQUEST', fields)
      expect(result.body.error!.data.fieldErrors.every((f) => f.message.length > 0)).toBe(true)
    }
    expect(await footprint()).toEqual(before)
  })
})

describe('revoking an invitation', () => {
  it('withdraws the link, is audited, and works once; others get 403, 404 or 400', async () => {
    const invited = ok<{ invitationId: string; link: string }>(await mutate('ava', 'org.invite', { org: 'northwind', email: 'gone@example.com', role: 'VIEWER' }))
    const before = await footprint()
    refused(await mutate('alex', 'org.revokeInvitation', { org: 'northwind', invitationId: invited.invitationId }), 403, 'FORBIDDEN')
    refused(await mutate('ava', 'org.revokeInvitation', { org: 'northwind', invitationId: 'not-a-uuid' }), 400, 'BAD_REQUEST', ['invitationId'])
    refused(await mutate('ava', 'org.revokeInvitation', { org: 'northwind', invitationId: randomUUID() }), 404, 'NOT_FOUND')
    expect(await footprint()).toEqual(before)

    ok(await mutate('ava', 'org.revokeInvitation', { org: 'northwind', invitationId: invited.invitationId }))
    expect((await membersOf('ava', 'northwind')).invitations).toEqual([])
    const [event] = await orgAudit('ava', 'northwind')
    expect(event).toMatchObject({ actor: label('ava'), action: 'invitation.revoke', entityType: 'Invitation', entityId: invited.invitationId })
    expect(event.changes).toEqual({ status: { before: 'PENDING', after: 'REVOKED' } })

    refused(await mutate('ava', 'org.revokeInvitation', { org: 'northwind', invitationId: invited.invitationId }), 404, 'NOT_FOUND')
    expect((await page(server.url, null, new URL(invited.link).pathname)).status).toBe(410)
    expect((await acceptInvitation(invited.link, { name: 'Gone', password: 'a-long-password-1', confirm: 'a-long-password-1' })).status).toBe(409)
    expect(await (await db()).user.findUnique({ where: { email: 'gone@example.com' } })).toBeNull()
  })
})

describe('changing roles', () => {
  it('applies at once (the new permission works on the next call) and is audited with before and after', async () => {
    const mapping = { slug: 'northwind-contoso', source: 'csv', mapping: { Urgent: 'P1' } }
    refused(await mutate('sam', 'sla.setPriorityMapping', mapping), 403, 'FORBIDDEN')
    ok(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('sam'), role: 'ACCOUNT_MANAGER' }))
    expect((await membersOf('ava', 'northwind')).members.find((m) => m.email === 'sam@northwind.example')?.role).toBe('ACCOUNT_MANAGER')
    ok(await mutate('sam', 'sla.setPriorityMapping', mapping))

    const update = (await orgAudit('ava', 'northwind')).find((e) => e.action === 'member.update')!
    expect(update).toMatchObject({ actor: label('ava'), entityType: 'Membership', entityId: await userId('sam') })
    expect(update.changes).toEqual({ role: { before: 'MSP_ENGINEER', after: 'ACCOUNT_MANAGER' } })

    // The same role again changes nothing and records nothing.
    const audit = (await footprint()).audit
    ok(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('sam'), role: 'ACCOUNT_MANAGER' }))
    expect((await footprint()).audit).toBe(audit)
  })

  it('refuses the other kind’s role (400 role), an unknown member (404), a malformed id (400 userId) and a non-admin (403)', async () => {
    const before = await footprint()
    const sam = await userId('sam')
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: sam, role: 'CLIENT_IT' }), 400, 'BAD_REQUEST', ['role'])
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: sam, role: 'OWNER' }), 400, 'BAD_REQUEST', ['role'])
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: randomUUID(), role: 'VIEWER' }), 404, 'NOT_FOUND')
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: 'sam', role: 'VIEWER' }), 400, 'BAD_REQUEST', ['userId'])
    refused(await mutate('alex', 'org.updateMemberRole', { org: 'northwind', userId: sam, role: 'VIEWER' }), 403, 'FORBIDDEN')
    refused(await mutate('chris', 'org.updateMemberRole', { org: 'contoso', userId: await userId('chris'), role: 'CLIENT_EXECUTIVE' }), 403, 'FORBIDDEN')
    // A member of another organization is not a member here.
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('casey'), role: 'VIEWER' }), 404, 'NOT_FOUND')
    expect(await footprint()).toEqual(before)
  })

  it('keeps at least one admin: the last admin can neither step down nor leave (409), until another is made admin', async () => {
    const before = await footprint()
    const lastAdmin = 'The organization must keep at least one admin'
    for (const [who, org, role] of [
      ['ava', 'northwind', 'ACCOUNT_MANAGER'],
      ['casey', 'contoso', 'CLIENT_IT'],
      ['fiona', 'fabrikam', 'VIEWER'],
    ] as const) {
      const demote = await mutate(who, 'org.updateMemberRole', { org, userId: await userId(who), role })
      refused(demote, 409, 'CONFLICT')
      expect(demote.body.error?.message).toBe(lastAdmin)
      const leave = await mutate(who, 'org.removeMember', { org, userId: await userId(who) })
      refused(leave, 409, 'CONFLICT')
      expect(leave.body.error?.message).toBe(lastAdmin)
    }
    expect(await footprint()).toEqual(before)

    ok(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('alex'), role: 'MSP_ADMIN' }))
    ok(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('ava'), role: 'ACCOUNT_MANAGER' }))
    refused(await mutate('ava', 'org.updateMemberRole', { org: 'northwind', userId: await userId('sam'), role: 'VIEWER' }), 403, 'FORBIDDEN')
    refused(await mutate('alex', 'org.updateMemberRole', { org: 'northwind', userId: await userId('alex'), role: 'VIEWER' }), 409, 'CONFLICT')
    ok(await mutate('alex', 'org.updateMemberRole', { org: 'northwind', userId: await userId('sam'), role: 'VIEWER' }))
  })

  // Two admins acting at once must not both pass the "another admin remains" check and leave none.
  it.each(['org.updateMemberRole', 'org.removeMember'])('keeps at least one admin when two admins call %s on each other at the same moment', async (path) => {
    const prisma = await db()
    const northwind = await prisma.organization.findUniqueOrThrow({ where: { slug: 'northwind' } })
    const ids = { ava: await userId('ava'), alex: await userId('alex') }
    const input = (target: string) => (path === 'org.updateMemberRole' ? { org: 'northwind', userId: target, role: 'ACCOUNT_MANAGER' } : { org: 'northwind', userId: target })
    for (let round = 0; round < 8; round++) {
      // Both are admins at the start of each round (set up directly, not through the API under test).
      for (const id of Object.values(ids)) {
        await prisma.membership.upsert({
          where: { organizationId_userId: { organizationId: northwind.id, userId: id } },
          create: { organizationId: northwind.id, userId: id, role: 'MSP_ADMIN' },
          update: { role: 'MSP_ADMIN' },
        })
      }
      const results = await Promise.all([mutate('ava', path, input(ids.alex)), mutate('alex', path, input(ids.ava))])
      const statuses = results.map((r) => r.status)
      const admins = await prisma.membership.count({ where: { organizationId: northwind.id, role: 'MSP_ADMIN' } })
      expect(admins, `round ${round}: answers ${statuses.join(', ')}`).toBe(1)
      expect(statuses.filter((s) => s === 200), `round ${round}`).toHaveLength(1)
      // The later call finds its caller no longer an admin (403), no longer a member (404), or the last admin (409).
      expect([403, 404, 409]).toContain(statuses.find((s) => s !== 200))
    }
  })
})

describe('removing a member', () => {
  it('takes away access at once, is audited, and works once', async () => {
    const chris = await userId('chris')
    // Chris's access is in use (and cached) just before the removal.
    ok(await query('chris', 'partnership.get', { slug: 'northwind-contoso' }))
    ok(await mutate('casey', 'org.removeMember', { org: 'contoso', userId: chris }))

    expect((await membersOf('casey', 'contoso')).members.map((m) => m.email)).toEqual(['casey@contoso.example'])
    refused(await query('chris', 'partnership.get', { slug: 'northwind-contoso' }), 404, 'NOT_FOUND')
    refused(await query('chris', 'org.members', { org: 'contoso' }), 404, 'NOT_FOUND')
    expect(ok(await query('chris', 'partnership.list'))).toEqual([])
    const [event] = await orgAudit('casey', 'contoso')
    expect(event).toMatchObject({ actor: label('casey'), action: 'member.remove', entityType: 'Membership', entityId: chris })
    expect(event.changes).toEqual({ email: { before: 'chris@contoso.example', after: null }, role: { before: 'CLIENT_IT', after: null } })

    const before = await footprint()
    refused(await mutate('casey', 'org.removeMember', { org: 'contoso', userId: chris }), 404, 'NOT_FOUND')
    refused(await mutate('casey', 'org.removeMember', { org: 'contoso', userId: 'chris' }), 400, 'BAD_REQUEST', ['userId'])
    refused(await mutate('casey', 'org.removeMember', { org: 'contoso', userId: await userId('ava') }), 404, 'NOT_FOUND')
    refused(await mutate('alex', 'org.removeMember', { org: 'northwind', userId: await userId('sam') }), 403, 'FORBIDDEN')
    expect(await footprint()).toEqual(before)
  })
})

describe('the audit log', () => {
  it('shows every member write of an organization with who and what, to its members only, and nowhere else', async () => {
    const invited = ok<{ invitationId: string; link: string }>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'vera@example.com', role: 'VIEWER' }))
    const dropped = ok<{ invitationId: string }>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'dropped@example.com', role: 'CLIENT_IT' }))
    ok(await mutate('casey', 'org.revokeInvitation', { org: 'contoso', invitationId: dropped.invitationId }))
    const accepted = await acceptInvitation(invited.link, { name: 'Vera Viewer', password: 'a-long-password-1', confirm: 'a-long-password-1' })
    expect(accepted.status).toBe(302)
    const vera = (await (await db()).user.findUniqueOrThrow({ where: { email: 'vera@example.com' } })).id
    ok(await mutate('casey', 'org.updateMemberRole', { org: 'contoso', userId: vera, role: 'CLIENT_IT' }))
    ok(await mutate('casey', 'org.updateMemberRole', { org: 'contoso', userId: vera, role: 'VIEWER' }))

    // A viewer reads the members but neither the invitations nor the audit log.
    const veraSession = { cookie: sessionCookie(accepted)! }
    const seen = ok<Members>(await trpc(server.url, veraSession, 'query', 'org.members', { org: 'contoso' }))
    expect(seen.members.map((m) => m.email).sort()).toEqual(['casey@contoso.example', 'chris@contoso.example', 'vera@example.com'])
    expect(seen.invitations).toEqual([])
    refused(await trpc(server.url, veraSession, 'query', 'org.audit', { org: 'contoso' }), 403, 'FORBIDDEN')

    ok(await mutate('casey', 'org.removeMember', { org: 'contoso', userId: vera }))

    const expected = [
      { actor: label('casey'), action: 'member.remove', entityId: vera, changes: { email: { before: 'vera@example.com', after: null }, role: { before: 'VIEWER', after: null } } },
      { actor: label('casey'), action: 'member.update', entityId: vera, changes: { role: { before: 'CLIENT_IT', after: 'VIEWER' } } },
      { actor: label('casey'), action: 'member.update', entityId: vera, changes: { role: { before: 'VIEWER', after: 'CLIENT_IT' } } },
      { actor: 'Vera Viewer <vera@example.com>', action: 'invitation.accept', entityId: vera, changes: { email: { before: null, after: 'vera@example.com' }, role: { before: null, after: 'VIEWER' } } },
      { actor: label('casey'), action: 'invitation.revoke', entityId: dropped.invitationId, changes: { status: { before: 'PENDING', after: 'REVOKED' } } },
      {
        actor: label('casey'),
        action: 'invitation.create',
        entityId: dropped.invitationId,
        changes: { email: { before: null, after: 'dropped@example.com' }, role: { before: null, after: 'CLIENT_IT' }, expiresAt: expect.any(Object) },
      },
      {
        actor: label('casey'),
        action: 'invitation.create',
        entityId: invited.invitationId,
        changes: { email: { before: null, after: 'vera@example.com' }, role: { before: null, after: 'VIEWER' }, expiresAt: expect.any(Object) },
      },
    ]
    for (const reader of ['casey', 'chris'] as const) {
      const events = await orgAudit(reader, 'contoso')
      expect(events.slice(0, expected.length).map(({ actor, action, entityId, changes }) => ({ actor, action, entityId, changes })), reader).toEqual(expected)
    }
    const written = new Set((await orgAudit('casey', 'contoso')).slice(0, expected.length).map((e) => e.id))
    expect(written.size).toBe(expected.length)
    for (const [who, org] of [
      ['ava', 'northwind'],
      ['tara', 'tailspin'],
      ['fiona', 'fabrikam'],
    ] as const) {
      expect((await orgAudit(who, org)).filter((e) => written.has(e.id)), `${who} sees contoso's events`).toEqual([])
      refused(await query(who, 'org.audit', { org: 'contoso' }), 404, 'NOT_FOUND')
    }
    for (const slug of ['northwind-contoso', 'tailspin-contoso']) {
      const events = ok<{ events: AuditEvent[] }>(await query('casey', 'partnership.audit', { slug, limit: 200 })).events
      expect(events.filter((e) => written.has(e.id)), `member events in ${slug}`).toEqual([])
    }
  })

  it('shows a partnership’s changes to both of its parties, by whichever party made them, and to no one else', async () => {
    const item = ok<{ id: string }>(await mutate('ava', 'roadmap.create', { slug: 'northwind-contoso', title: 'Passwordless sign-in' }))
    const entry = ok<{ id: string }>(await mutate('casey', 'csi.create', { slug: 'northwind-contoso', opportunity: 'Faster onboarding', size: 'SMALL' }))
    const mine = (events: AuditEvent[]) => events.filter((e) => e.entityId === item.id || e.entityId === entry.id).map((e) => [e.actor, e.action, e.entityId])
    const expected = [
      [label('casey'), 'csiEntry.create', entry.id],
      [label('ava'), 'roadmapItem.create', item.id],
    ]
    for (const reader of ['ava', 'alex', 'sam', 'casey', 'chris'] as const) {
      const events = ok<{ events: AuditEvent[] }>(await query(reader, 'partnership.audit', { slug: 'northwind-contoso', limit: 200 })).events
      expect(mine(events), reader).toEqual(expected)
      expect(events.find((e) => e.entityId === item.id)!.changes.title).toEqual({ before: null, after: 'Passwordless sign-in' })
    }
    for (const outsider of ['tara', 'fiona'] as const) {
      const result = await query(outsider, 'partnership.audit', { slug: 'northwind-contoso' })
      refused(result, 404, 'NOT_FOUND')
      expect(JSON.stringify(result.body)).not.toMatch(/Passwordless|Faster onboarding/)
    }
    const elsewhere = ok<{ events: AuditEvent[] }>(await query('casey', 'partnership.audit', { slug: 'tailspin-contoso', limit: 200 })).events
    expect(mine(elsewhere)).toEqual([])
    expect(mine(await orgAudit('casey', 'contoso'))).toEqual([])
    expect(mine(await orgAudit('ava', 'northwind'))).toEqual([])
  })
})

describe('accepting as an existing user', () => {
  it('takes a session of that user: the link with a password is refused with 401 and checks no password', async () => {
    const invited = ok<{ link: string }>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'tara@tailspin.example', role: 'VIEWER' }))
    for (let attempt = 1; attempt <= 6; attempt++) {
      const refused = await acceptInvitation(invited.link, { password: attempt === 6 ? DEMO_PASSWORD : `guess-${attempt}` })
      expect(refused.status).toBe(401)
      expect(await refused.text()).toContain('Sign in as tara@tailspin.example to accept this invitation')
    }
    const prisma = await db()
    const tara = await prisma.user.findUniqueOrThrow({ where: { email: 'tara@tailspin.example' } })
    expect(await prisma.membership.count({ where: { userId: tara.id, organization: { slug: 'contoso' } } })).toBe(0)
    // No password was checked, so none counted against the account.
    const signIn = await fetch(`${server.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url },
      body: new URLSearchParams({ email: 'tara@tailspin.example', password: DEMO_PASSWORD }),
    })
    expect(signIn.status).toBe(302)
  })

  it('joins when signed in as that user', async () => {
    const invited = ok<{ link: string }>(await mutate('casey', 'org.invite', { org: 'contoso', email: 'tara@tailspin.example', role: 'VIEWER' }))
    const session = await signInAs(server.url, 'tara@tailspin.example')
    const accepted = await fetch(`${server.url}${new URL(invited.link).pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: session.cookie },
      body: new URLSearchParams({}),
    })
    expect(accepted.status).toBe(302)
    const me = ok<{ memberships: Array<{ org: { slug: string } }> }>(await trpc(server.url, session, 'query', 'me'))
    expect(me.memberships.map((m) => m.org.slug).sort()).toEqual(['contoso', 'tailspin'])
  })
})
