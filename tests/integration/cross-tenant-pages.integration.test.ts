// The cross-tenant suite for pages (CONVENTIONS 11): every route file is in the table below, and every page is
// requested by every user (the demo users and two viewers) for every tenant. A non-party gets 404, a party whose
// role lacks the permission 403; and no response, whatever its status, contains a name or a marked row the
// user may not see — another MSP serving the same client included.
import fs from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Permission } from '../../server/access/permissions.ts'
import { DEMO_ORGS, DEMO_PARTNERSHIPS } from '../../server/demo/demo-data.ts'
import { useSeededDatabase } from '../helpers/database-state.ts'
import { seedDemo } from '../helpers/factories.ts'
import { page, signIn } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { expectedStatus } from '../helpers/tenancy.ts'
import {
  type PartnershipRows,
  TENANT_USERS,
  type TenantData,
  forbiddenFor,
  leaks,
  orgRole,
  partnershipMarker,
  partyRole,
  seedTenantData,
  visiblePartnerships,
} from '../helpers/tenant-data.ts'

const ORG_SLUGS = ['northwind', 'tailspin', 'contoso', 'fabrikam']

type Route =
  | { kind: 'partnership'; path: (slug: string, rows: PartnershipRows) => string; permission: Permission }
  /** `orgKind`: a page of one kind of organization only; a member of the other kind gets 403. */
  | { kind: 'org'; path: (org: string, rows: TenantData['orgs'][string]) => string; permission: Permission; orgKind?: 'MSP' | 'CLIENT' }
  /** `mspOnly`: MSP staff's page (the portfolio); a client user gets 403. */
  | { kind: 'user'; path: string; mspOnly?: boolean }
  /** Not a page of its own, or not tenant-scoped: says where it is covered. */
  | { kind: 'other'; why: string }

// One entry per file in app/routes: a new route fails the completeness test until it is added here.
const ROUTES: Record<string, Route> = {
  '_index.tsx': { kind: 'user', path: '/' },
  'account.tokens.tsx': { kind: 'user', path: '/account/tokens' },
  'account.notifications.tsx': { kind: 'user', path: '/account/notifications' },
  'account.security.tsx': { kind: 'user', path: '/account/security' },
  'sla.tsx': { kind: 'user', path: '/sla' },
  'portfolio._index.tsx': { kind: 'user', path: '/portfolio', mspOnly: true },
  'portfolio[.]csv.ts': { kind: 'user', path: '/portfolio.csv', mspOnly: true },
  'portfolio.packs.tsx': { kind: 'other', why: 'job ids in the URL; portfolio.packJobs leaves out other MSPs’ jobs (cross-tenant.integration.test.ts)' },
  'org.$org.overview.tsx': { kind: 'org', path: (org) => `/org/${org}/overview`, permission: 'partnership.read', orgKind: 'CLIENT' },
  'org.$org.members.tsx': { kind: 'org', path: (org) => `/org/${org}/members`, permission: 'member.read' },
  'org.$org.headcount.tsx': { kind: 'org', path: (org) => `/org/${org}/headcount`, permission: 'member.read' },
  'org.$org.audit.tsx': { kind: 'org', path: (org) => `/org/${org}/audit`, permission: 'audit.read' },
  'org.$org.outbox.tsx': { kind: 'org', path: (org) => `/org/${org}/outbox`, permission: 'member.manage' },
  'org.$org.security.tsx': { kind: 'org', path: (org) => `/org/${org}/security`, permission: 'member.manage' },
  'org.$org.branding.tsx': { kind: 'org', path: (org) => `/org/${org}/branding`, permission: 'org.brand' },
  'org.$org.sso.tsx': { kind: 'org', path: (org) => `/org/${org}/sso`, permission: 'sso.manage' },
  'org.$org.webhooks.tsx': { kind: 'org', path: (org) => `/org/${org}/webhooks`, permission: 'webhook.manage' },
  'org.$org.standards._index.tsx': { kind: 'org', path: (org) => `/org/${org}/standards`, permission: 'standard.read' },
  'org.$org.standards.$id.tsx': { kind: 'org', path: (org, rows) => `/org/${org}/standards/${rows.standard}`, permission: 'standard.read' },
  'p.$slug.tsx': { kind: 'other', why: 'the layout of every /p/:slug page below; its loader answers 404 to a non-party' },
  'p.$slug._index.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}`, permission: 'partnership.read' },
  'p.$slug.members.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/members`, permission: 'partnership.read' },
  'p.$slug.audit.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/audit`, permission: 'audit.read' },
  'p.$slug.settings.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/settings`, permission: 'partnership.manage' },
  'p.$slug.sla._index.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/sla`, permission: 'sla.read' },
  'p.$slug.sla.policy.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/sla/policy`, permission: 'sla.read' },
  'p.$slug.sla.priorities.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/sla/priorities`, permission: 'sla.read' },
  'p.$slug.sla.import.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/sla/import`, permission: 'ticket.write' },
  'p.$slug.sla.tickets.$externalId.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/sla/tickets/T-1`, permission: 'ticket.read' },
  'p.$slug.roadmap._index.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/roadmap`, permission: 'workspace.read' },
  'p.$slug.roadmap.$id.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/roadmap/${rows.roadmap}`, permission: 'workspace.read' },
  'p.$slug.responsibilities.$id.tsx': {
    kind: 'partnership',
    path: (slug, rows) => `/p/${slug}/responsibilities/${rows.responsibility}`,
    permission: 'workspace.read',
  },
  'p.$slug.csi.$id.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/csi/${rows.csi}`, permission: 'workspace.read' },
  'p.$slug.workspace.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/workspace`, permission: 'workspace.read' },
  'p.$slug.connector.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/connector`, permission: 'connector.read' },
  'p.$slug.assets.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/assets`, permission: 'asset.read' },
  'p.$slug.psa-tickets.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/psa-tickets`, permission: 'workspace.read' },
  'p.$slug.assessments._index.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/assessments`, permission: 'assessment.read' },
  'p.$slug.assessments.$id.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/assessments/${rows.assessment}`, permission: 'assessment.read' },
  'p.$slug.qbrs._index.tsx': { kind: 'partnership', path: (slug) => `/p/${slug}/qbrs`, permission: 'qbr.read' },
  'p.$slug.qbrs.$quarter.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/qbrs/${rows.qbrQuarter}`, permission: 'qbr.read' },
  'p.$slug.qbrs.$quarter_.narrative.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/qbrs/${rows.packQuarter}/narrative`, permission: 'pack.read' },
  'p.$slug.packs.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/packs?job=${rows.packJob}`, permission: 'pack.read' },
  'p.$slug.packs.$quarter.$file.ts': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/packs/${rows.packQuarter}/v1.pdf`, permission: 'pack.read' },
  'p.$slug_.packs.present.$quarter.tsx': { kind: 'partnership', path: (slug, rows) => `/p/${slug}/packs/present/${rows.packQuarter}`, permission: 'pack.read' },
  'api.openapi[.]json.ts': { kind: 'other', why: 'public description of the API; names no tenant (openapi.integration.test.ts)' },
  'api.docs.tsx': { kind: 'other', why: 'public page of the API description; names no tenant (openapi.integration.test.ts)' },
  'api.trpc.$.ts': { kind: 'other', why: 'every procedure is in cross-tenant.integration.test.ts' },
  'api.partnerships.$slug.tickets-csv.ts': { kind: 'other', why: 'CSV upload: 401, 403 and 404 in sla.integration.test.ts' },
  'api.partnerships.$slug.assets-csv.ts': { kind: 'other', why: 'CSV upload: 401, 403 and 404 in assets-csv-route.integration.test.ts' },
  'api.partnerships.$slug.metrics-csv.ts': { kind: 'other', why: 'CSV upload: 401, 403 and 404 in metrics-csv.integration.test.ts' },
  'invitations.$token.tsx': { kind: 'other', why: 'public; the secret in the link is the credential (members.integration.test.ts)' },
  'login.tsx': { kind: 'other', why: 'public sign-in form (auth.integration.test.ts)' },
  'login_.mfa.tsx': { kind: 'other', why: 'public second sign-in step; only a pending sign-in reaches it (mfa.integration.test.ts)' },
  'forgot-password.tsx': { kind: 'other', why: 'public; names no tenant, same answer for every address (password-reset.integration.test.ts)' },
  'reset-password.$token.tsx': { kind: 'other', why: 'public; the secret in the link is the credential (password-reset.integration.test.ts)' },
  'setup.$token.tsx': { kind: 'other', why: 'public one-time first-admin link; works only while there are no users (password-reset.integration.test.ts)' },
  'auth.sso.tsx': { kind: 'other', why: 'public first step of sign-in with SSO (sso.integration.test.ts)' },
  'auth.sso_.callback.tsx': { kind: 'other', why: 'public; the sealed cookie and the provider’s code are the credentials (sso.integration.test.ts)' },
  'logout.tsx': { kind: 'other', why: 'POST only; its loader redirects to /' },
}

const entries = <K extends Route['kind']>(kind: K) =>
  Object.entries(ROUTES).filter((e): e is [string, Extract<Route, { kind: K }>] => e[1].kind === kind)

let server: TestServer
let data: TenantData
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
// Seeded once for the file; before each test the tables the last one changed are put back (same rows, same ids).
const seeded = useSeededDatabase(async () => {
  await seedDemo()
  return seedTenantData()
})
beforeEach(() => {
  data = seeded.value
})

describe('the route table', () => {
  it('has every file of app/routes, so a new page cannot skip this suite', () => {
    const files = fs.readdirSync('app/routes').filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.test.tsx'))
    expect(Object.keys(ROUTES).sort()).toEqual(files.sort())
  })
})

describe.each(TENANT_USERS.map((u) => [u.email, u] as const))('pages as %s', (_email, user) => {
  // A page walk of some 60 requests per user: on a loaded CI machine it passes 30 s.
  it('answer by party and role, and never show another tenant', { timeout: 120_000 }, async () => {
    const session = await signIn(server.url, user.email)
    const forbidden = forbiddenFor(user)
    const outcomes: string[] = []
    const expected: string[] = []
    const leaked: string[] = []
    async function visit(path: string, want: string) {
      const response = await page(server.url, session, path)
      const location = response.headers.get('location')
      outcomes.push(`${path}: ${response.status}${location ? ` → ${location}` : ''}`)
      expected.push(`${path}: ${want}`)
      for (const s of leaks(await response.text(), forbidden)) leaked.push(`${path} (${response.status}) shows "${s}"`)
    }

    const mine = visiblePartnerships(user)
    for (const [, route] of entries('user')) {
      // The home page goes straight to the only partnership when there is just one.
      const msp = DEMO_ORGS.find((o) => o.slug === user.org)?.kind === 'MSP'
      await visit(route.path, route.path === '/' && mine.length === 1 ? `302 → /p/${mine[0]}` : route.mspOnly && !msp ? '403' : '200')
    }
    for (const p of DEMO_PARTNERSHIPS) {
      for (const [, route] of entries('partnership')) {
        await visit(route.path(p.slug, data.partnerships[p.slug]), String(expectedStatus(partyRole(user, p.slug), route.permission)))
      }
    }
    for (const org of ORG_SLUGS) {
      for (const [, route] of entries('org')) {
        const status = expectedStatus(orgRole(user, org), route.permission)
        const otherKind = status === 200 && route.orgKind && DEMO_ORGS.find((o) => o.slug === org)!.kind !== route.orgKind
        await visit(route.path(org, data.orgs[org]), String(otherKind ? 403 : status))
      }
    }
    expect(outcomes).toEqual(expected)
    expect(leaked).toEqual([])
  })
})

describe('pages of a partnership the user is a party to', () => {
  it('show its own rows, so that the leak checks above look at pages with content', async () => {
    const session = await signIn(server.url, 'alex@northwind.example')
    const marker = partnershipMarker('northwind-contoso')
    const rows = data.partnerships['northwind-contoso']
    for (const path of [
      '/p/northwind-contoso/roadmap',
      `/p/northwind-contoso/roadmap/${rows.roadmap}`,
      '/p/northwind-contoso/workspace',
      '/p/northwind-contoso/audit',
      '/p/northwind-contoso/sla/tickets/T-1',
      '/p/northwind-contoso/qbrs',
      `/p/northwind-contoso/qbrs/${rows.qbrQuarter}`,
      `/p/northwind-contoso/packs?job=${rows.packJob}`,
      '/p/northwind-contoso/assessments',
      `/p/northwind-contoso/assessments/${rows.assessment}`,
    ]) {
      const response = await page(server.url, session, path)
      expect(response.status, path).toBe(200)
      expect(leaks(await response.text(), [marker]), path).toEqual([marker])
    }
    const tokens = await page(server.url, session, '/account/tokens')
    expect(leaks(await tokens.text(), ['Marker-token-alex'])).toEqual(['Marker-token-alex'])
    const outbox = await page(server.url, await signIn(server.url, 'ava@northwind.example'), '/org/northwind/outbox')
    expect(leaks(await outbox.text(), ['Marker-org-northwind'])).toEqual(['Marker-org-northwind'])
  })

  it('answer 404 for a row of another partnership under its URL, even for a party to both', async () => {
    const session = await signIn(server.url, 'casey@contoso.example')
    const other = data.partnerships['tailspin-contoso']
    const marker = partnershipMarker('tailspin-contoso')
    for (const path of [
      `/p/northwind-contoso/roadmap/${other.roadmap}`,
      `/p/northwind-contoso/responsibilities/${other.responsibility}`,
      `/p/northwind-contoso/csi/${other.csi}`,
      `/p/northwind-contoso/sla/tickets/${other.onlyTicket}`,
      `/p/northwind-contoso/packs?job=${other.packJob}`,
      `/p/northwind-contoso/assessments/${other.assessment}`,
    ]) {
      const response = await page(server.url, session, path)
      expect(response.status, path).toBe(404)
      expect(leaks(await response.text(), [marker]), path).toEqual([])
    }
    // The same external id in both partnerships: each URL shows its own partnership's ticket.
    const own = await page(server.url, session, '/p/northwind-contoso/sla/tickets/T-1')
    expect(leaks(await own.text(), [partnershipMarker('northwind-contoso'), marker])).toEqual([partnershipMarker('northwind-contoso')])
  })
})

describe('without a session', () => {
  it('every page of every tenant sends the visitor to sign in, and shows nothing of the tenant', async () => {
    const paths = [
      ...entries('user').map(([, r]) => r.path),
      ...DEMO_PARTNERSHIPS.flatMap((p) => entries('partnership').map(([, r]) => r.path(p.slug, data.partnerships[p.slug]))),
      ...ORG_SLUGS.flatMap((org) => entries('org').map(([, r]) => r.path(org, data.orgs[org]))),
    ]
    const outcomes: string[] = []
    for (const path of paths) {
      const response = await page(server.url, null, path)
      const body = await response.text()
      outcomes.push(`${path}: ${response.status} → ${response.headers.get('location')}${leaks(body, ['Marker-', 'Managed Services', 'Manufacturing']).length ? ' with content' : ''}`)
    }
    expect(outcomes).toEqual(paths.map((path) => `${path}: 302 → /login?redirectTo=${encodeURIComponent(path)}`))
  })
})
