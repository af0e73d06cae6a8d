// The cross-tenant suite (CONVENTIONS 11): every procedure and every page, as every demo user, against every
// tenant. A caller who is not a party gets 404 (existence not revealed), a party without the permission 403,
// nothing is written by a refused call, and no list leaks another tenant's rows.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Permission } from '../../server/access/permissions.ts'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { sealSecret } from '../../server/connectors/secret-box.server.ts'
import { secretAad } from '../../server/auth/sso/oidc.server.ts'
import { db, queryArrays } from '../../server/db/client.server.ts'
import { newWebhookSecret } from '../../server/webhooks/webhook-secret.server.ts'
import { PACK_JOB } from '../../server/pack/pack-job.server.ts'
import { minutesDigest } from '../../server/acknowledgements/minutes-digest.ts'
import { getQbr } from '../../server/qbr/get-qbr.server.ts'
import { DEMO_ORGS, DEMO_PARTNERSHIPS, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { appRouter } from '../../server/trpc/router.ts'
import { useSeededDatabase } from '../helpers/database-state.ts'
import { seedDemo } from '../helpers/factories.ts'
import { page, signIn, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import { DEMO_ORG_SLUGS, demoTokens, expectedStatus, memberOf, partyOf } from '../helpers/tenancy.ts'

type Scoped = {
  kind: 'query' | 'mutation'
  scope: 'partnership' | 'org'
  permission: Permission
  /** A valid input aimed at the target tenant (built fresh for every call). */
  input: (slug: string) => Promise<unknown> | unknown
  /** An org-scoped procedure for one kind of organization only (the portfolio: MSP; the client overview: CLIENT). */
  orgKind?: 'MSP' | 'CLIENT'
}
type UserScoped = { kind: 'query' | 'mutation'; scope: 'user' }

async function orgId(slug: string) {
  return (await (await db()).organization.findUniqueOrThrow({ where: { slug } })).id
}

/** A throw-away member of the organization, for role changes and removals. */
async function extraMember(orgSlug: string) {
  const prisma = await db()
  const kind = (await prisma.organization.findUniqueOrThrow({ where: { slug: orgSlug } })).kind
  const user = await prisma.user.create({ data: { email: `extra-${randomUUID()}@test.example`, name: 'Extra' } })
  await prisma.membership.create({ data: { organizationId: await orgId(orgSlug), userId: user.id, role: 'VIEWER' } })
  return { userId: user.id, role: kind === 'MSP' ? 'MSP_ENGINEER' : 'CLIENT_IT' }
}

/** A member of the organization with two-step sign-in on (a factor row is enough: only access is tested). */
async function mfaMember(orgSlug: string) {
  const { userId } = await extraMember(orgSlug)
  await (await db()).totpFactor.create({ data: { userId, sealedSecret: 'v1.x.x.x', confirmedAt: new Date() } })
  return userId
}

async function pendingInvitation(orgSlug: string) {
  const invitation = await (await db()).invitation.create({
    data: { organizationId: await orgId(orgSlug), email: `inv-${randomUUID()}@test.example`, role: 'VIEWER', tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  })
  return invitation.id
}

const TINY_SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="#1f5fbf"/></svg>').toString('base64')

const ticket = () => ({ externalId: `X-${randomUUID()}`, priority: 'P2', createdAt: '2026-07-01T09:00:00Z' })

async function partnershipId(slug: string) {
  return (await (await db()).partnership.findUniqueOrThrow({ where: { slug } })).id
}

/** A row of each co-edited kind inside the target partnership, written directly (not through the API under test). */
const entity = {
  async roadmap(slug: string, extra: Record<string, unknown> = {}) {
    const row = await (await db()).roadmapItem.create({ data: { partnershipId: await partnershipId(slug), title: 'Target item', proposedBy: 'MSP', status: 'PROPOSED', ...extra } })
    return { slug, id: row.id, baseVersion: 1 }
  },
  async responsibility(slug: string, extra: Record<string, unknown> = {}) {
    const row = await (await db()).responsibilityFunction.create({
      data: { partnershipId: await partnershipId(slug), category: 'Ops', name: 'Target function', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I', ...extra },
    })
    return { slug, id: row.id, baseVersion: 1 }
  },
  async csi(slug: string, extra: Record<string, unknown> = {}) {
    const row = await (await db()).csiEntry.create({ data: { partnershipId: await partnershipId(slug), opportunity: 'Target entry', size: 'SMALL', stage: 'PLAN', ...extra } })
    return { slug, id: row.id, baseVersion: 1 }
  },
}
const deleted = { deletedAt: new Date() }

let quarters = 0
/** A quarter no QBR has yet (each call a new one). */
const nextQuarter = () => `${2040 + Math.floor(quarters / 4)}-Q${(quarters++ % 4) + 1}`

/** A QBR of the target partnership with one agenda item, a decision, an attendee and an action item. */
async function qbrIn(slug: string, extra: Record<string, unknown> = {}) {
  const prisma = await db()
  const pid = await partnershipId(slug)
  const id = randomUUID()
  const agendaId = randomUUID()
  const quarter = nextQuarter()
  await prisma.qbr.create({
    data: { id, partnershipId: pid, quarter, title: 'Target QBR', icsUid: `${id}@test`, agendaOrder: [agendaId], startLocal: '2026-09-15T10:00', endLocal: '2026-09-15T12:00', startsAt: new Date('2026-09-15T10:00Z'), endsAt: new Date('2026-09-15T12:00Z'), ...extra },
  })
  await prisma.qbrAgendaItem.create({ data: { id: agendaId, partnershipId: pid, qbrId: id, title: 'Target agenda item' } })
  const decision = await prisma.qbrDecision.create({ data: { partnershipId: pid, qbrId: id, text: 'Target decision' } })
  const attendee = await prisma.qbrAttendee.create({ data: { partnershipId: pid, qbrId: id, email: `guest-${randomUUID()}@example.com`, name: 'Guest', party: 'CLIENT' } })
  const action = await prisma.qbrActionItem.create({ data: { partnershipId: pid, qbrId: id, title: 'Target action', owner: 'Someone', party: 'MSP' } })
  return { slug, id, quarter, agendaId, decisionId: decision.id, attendeeId: attendee.id, actionId: action.id }
}
const qbrRef = async (slug: string, pick: 'id' | 'agendaId' | 'decisionId' | 'attendeeId' | 'actionId', extra: Record<string, unknown> = {}) => {
  const q = await qbrIn(slug)
  const prisma = await db()
  if (extra.deletedAt && pick === 'agendaId') await prisma.qbrAgendaItem.update({ where: { id: q.agendaId }, data: extra })
  if (extra.deletedAt && pick === 'decisionId') await prisma.qbrDecision.update({ where: { id: q.decisionId }, data: extra })
  if (extra.deletedAt && pick === 'actionId') await prisma.qbrActionItem.update({ where: { id: q.actionId }, data: extra })
  if (extra.deletedAt && pick === 'id') await prisma.qbr.update({ where: { id: q.id }, data: extra })
  return { slug, id: q[pick], baseVersion: 1 }
}

/** The target partnership's newest SLA policy version (0: none), the base a save names. */
async function policyVersion(slug: string) {
  return (await (await db()).slaPolicy.aggregate({ where: { partnershipId: await partnershipId(slug) }, _max: { version: true } }))._max.version ?? 0
}

/** The target partnership with an SLA policy and one ticket, so that reports have something to read. */
async function withSlaData(slug: string) {
  const prisma = await db()
  const id = await partnershipId(slug)
  if (!(await prisma.slaPolicy.count({ where: { partnershipId: id } }))) {
    await prisma.slaPolicy.create({ data: { partnershipId: id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
    await prisma.ticket.create({
      data: { partnershipId: id, source: 'api', externalId: 'T-1', title: 'x', priority: 'P2', status: 'Open', createdAt: new Date('2026-07-01T13:00:00Z'), pauses: [], contentHash: 'x' },
    })
  }
  return slug
}

/** A ticket of the target partnership with decided verdicts (response breached), and an open dispute of its resolution. */
async function disputeIn(slug: string) {
  await withSlaData(slug)
  const prisma = await db()
  const pid = await partnershipId(slug)
  const ticket = await prisma.ticket.create({
    data: {
      partnershipId: pid,
      source: 'api',
      externalId: `D-${randomUUID()}`,
      title: 'Disputed',
      priority: 'P2',
      status: 'Closed',
      createdAt: new Date('2026-07-13T18:00:00Z'),
      firstResponseAt: new Date('2026-07-13T19:30:00Z'),
      resolvedAt: new Date('2026-07-13T21:00:00Z'),
      pauses: [],
      contentHash: randomUUID(),
    },
  })
  const dispute = await prisma.slaDispute.create({
    data: { partnershipId: pid, ticketId: ticket.id, metric: 'resolution', liveKey: `${ticket.id}:resolution`, computedVerdict: 'met', decidedAt: ticket.resolvedAt!, elapsedMinutes: 180, targetMinutes: 480, reason: 'Target reason', raisedByLabel: 'test' },
  })
  return { slug, externalId: ticket.externalId, id: dispute.id, baseVersion: 1 }
}

/** The target partnership with a PSA connection whose host refuses connections at once (port 9). */
async function withConnection(slug: string) {
  const prisma = await db()
  if (!(await prisma.psaConnection.count({ where: { partnership: { slug } } }))) {
    await saveConnection(await unsafeOperatorScope(slug), { userId: null, label: 'test' }, { slug, ...psaConnectionInput })
  }
  return { slug }
}
// Port 9 on loopback refuses at once: "Check the issuer" answers ok: false without waiting on a network.
const ssoConnectionInput = { issuerUrl: 'http://127.0.0.1:9', clientId: 'client', clientSecret: 'secret', unknownUserPolicy: 'REFUSE', ssoOnly: false, enabled: true }
async function ssoConnectionIn(orgSlug: string) {
  const organizationId = await orgId(orgSlug)
  await (await db()).ssoConnection.upsert({ where: { organizationId }, create: { organizationId, issuerUrl: 'http://127.0.0.1:9', clientId: 'client', clientSecret: sealSecret('secret', secretAad(organizationId)) }, update: {} })
}
/** A webhook endpoint of the organization, written directly. */
async function webhookIn(orgSlug: string) {
  const id = randomUUID()
  const { sealed, hint } = newWebhookSecret(id)
  await (await db()).webhookEndpoint.create({ data: { id, organizationId: await orgId(orgSlug), url: 'https://hooks.example.test/accord', events: ['pack.frozen'], secretSealed: sealed, secretHint: hint } })
  return id
}
/** A FAILED delivery of a new endpoint of the organization, written directly. */
async function failedDeliveryIn(orgSlug: string) {
  const endpointId = await webhookIn(orgSlug)
  const row = await (await db()).webhookDelivery.create({
    data: { endpointId, organizationId: await orgId(orgSlug), eventId: randomUUID(), event: 'pack.frozen', payload: {}, status: 'FAILED', attempts: 8, nextAttemptAt: null },
  })
  return row.id
}
async function ssoDomainIn(orgSlug: string, verified: boolean) {
  const domain = `d-${randomUUID().slice(0, 8)}.example`
  const row = await (await db()).ssoDomain.create({
    data: { organizationId: await orgId(orgSlug), domain, verificationToken: 'token', ...(verified ? { verifiedAt: new Date(), verifiedDomain: domain } : {}) },
  })
  return row.id
}

const psaConnectionInput = { kind: 'halopsa', baseUrl: 'http://127.0.0.1:9', credentials: { clientId: 'id', clientSecret: 'secret' } }

/** An approved roadmap item already sent (its link SENT, so sending again answers without the PSA), write-back on. */
async function sentItem(slug: string, psaClosed = false) {
  const prisma = await db()
  await withConnection(slug)
  const partnershipId = (await prisma.partnership.findUniqueOrThrow({ where: { slug } })).id
  await prisma.psaConnection.update({ where: { partnershipId }, data: { companyIds: ['212'], settings: { writeBack: { enabled: true, boards: ['1:Service Desk'] } } } })
  const item = await prisma.roadmapItem.create({ data: { partnershipId, title: 'Sent to the PSA', proposedBy: 'MSP', status: 'APPROVED' } })
  const link = await prisma.psaTicketLink.create({
    data: { partnershipId, itemKind: 'ROADMAP_ITEM', itemId: item.id, kind: 'halopsa', idempotencyKey: randomUUID(), state: 'SENT', boardOrQueue: '1:Service Desk', externalId: '7', ticketNumber: '7', psaClosed, sentBy: 'test' },
  })
  return { itemId: item.id, linkId: link.id }
}

/** A laptop whose warranty ends today: the current quarter's forecast holds it. */
async function assetDueNow(slug: string) {
  const prisma = await db()
  const partnershipId = (await prisma.partnership.findUniqueOrThrow({ where: { slug } })).id
  const today = new Date().toISOString().slice(0, 10)
  await prisma.asset.create({ data: { partnershipId, source: 'csv', externalId: randomUUID(), name: 'LT', type: 'Laptop', warrantyEnd: new Date(`${today}T00:00:00Z`), replacementCostCents: 100_000n, contentHash: 'x' } })
  return { slug, quarter: `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}` }
}

/** A standard of the organization's library (version 1), or an unknown id for a client organization (no library). */
async function standardIn(org: string) {
  const o = await (await db()).organization.findUniqueOrThrow({ where: { slug: org } })
  if (o.kind !== 'MSP') return { org, id: randomUUID(), baseVersion: 1 }
  const row = await (await db()).standard.create({ data: { organizationId: o.id, category: 'Identity', question: 'Target standard?' } })
  return { org, id: row.id, baseVersion: 1 }
}

/** An assessment of the target partnership in the given state, with one answer. */
async function assessmentIn(slug: string, status: 'DRAFT' | 'IN_REVIEW' | 'REVIEWED', alignment: 'ALIGNED' | 'MISALIGNED' | null = 'MISALIGNED') {
  const prisma = await db()
  const pid = await partnershipId(slug)
  const a = await prisma.assessment.create({ data: { partnershipId: pid, title: 'Target assessment', status, createdByLabel: 'test', ...(status === 'REVIEWED' ? { reviewedAt: new Date() } : {}) } })
  const answer = await prisma.assessmentAnswer.create({
    data: { partnershipId: pid, assessmentId: a.id, standardId: randomUUID(), standardVersion: 1, category: 'Identity', question: 'Target standard?', severity: 'HIGH', alignment, sortOrder: 0 },
  })
  return { slug, id: a.id, answerId: answer.id, baseVersion: 1 }
}

/** No assessment of the target partnership left open, so that starting one is allowed. */
async function noOpenAssessment(slug: string) {
  await (await db()).assessment.updateMany({ where: { partnershipId: await partnershipId(slug), status: { in: ['DRAFT', 'IN_REVIEW'] } }, data: { status: 'REVIEWED', reviewedAt: new Date() } })
  return { slug }
}

const PROCEDURES: Record<string, Scoped | UserScoped> = {
  me: { kind: 'query', scope: 'user' },
  'partnership.list': { kind: 'query', scope: 'user' },
  'partnership.get': { kind: 'query', scope: 'partnership', permission: 'partnership.read', input: (slug) => ({ slug }) },
  'partnership.settings': { kind: 'query', scope: 'partnership', permission: 'partnership.manage', input: (slug) => ({ slug }) },
  'partnership.updateSettings': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'partnership.manage',
    input: async (slug) => ({ slug, baseVersion: (await (await db()).partnership.findUniqueOrThrow({ where: { slug } })).settingsVersion, qbrCadenceMonths: 6, ownerUserId: null, fiscalYearStartMonth: 4 }),
  },
  'partnership.audit': { kind: 'query', scope: 'partnership', permission: 'audit.read', input: (slug) => ({ slug }) },
  'org.members': { kind: 'query', scope: 'org', permission: 'member.read', input: (org) => ({ org }) },
  // A client organization's admin is refused (403) too: only an MSP admin holds `org.brand`.
  'branding.setLogo': { kind: 'mutation', scope: 'org', permission: 'org.brand', input: (org) => ({ org, fileBase64: TINY_SVG }) },
  'branding.get': { kind: 'query', scope: 'org', permission: 'org.brand', input: (org) => ({ org }) },
  'branding.removeLogo': { kind: 'mutation', scope: 'org', permission: 'org.brand', input: (org) => ({ org }) },
  'org.audit': { kind: 'query', scope: 'org', permission: 'audit.read', input: (org) => ({ org }) },
  'org.invite': {
    kind: 'mutation',
    scope: 'org',
    permission: 'member.invite',
    input: async (org) => ({ org, email: `new-${randomUUID()}@test.example`, role: 'VIEWER' }),
  },
  'org.revokeInvitation': {
    kind: 'mutation',
    scope: 'org',
    permission: 'member.invite',
    input: async (org) => ({ org, invitationId: await pendingInvitation(org) }),
  },
  'org.updateMemberRole': {
    kind: 'mutation',
    scope: 'org',
    permission: 'member.manage',
    input: async (org) => ({ org, ...(await extraMember(org)) }),
  },
  'org.removeMember': {
    kind: 'mutation',
    scope: 'org',
    permission: 'member.manage',
    input: async (org) => ({ org, userId: (await extraMember(org)).userId }),
  },
  'org.outbox': { kind: 'query', scope: 'org', permission: 'member.manage', input: (org) => ({ org }) },
  'org.mfa': { kind: 'query', scope: 'org', permission: 'member.manage', input: (org) => ({ org }) },
  'org.setMfaRequired': { kind: 'mutation', scope: 'org', permission: 'member.manage', input: (org) => ({ org, required: true }) },
  'org.headcount': { kind: 'query', scope: 'org', permission: 'member.read', input: (org) => ({ org }) },
  'org.setHeadcount': { kind: 'mutation', scope: 'org', permission: 'member.manage', input: (org) => ({ org, headcount: null, expected: null }) },
  // An admin of another organization cannot remove the MFA of your user.
  'org.removeMemberMfa': { kind: 'mutation', scope: 'org', permission: 'member.manage', input: async (org) => ({ org, userId: await mfaMember(org) }) },
  'account.security': { kind: 'query', scope: 'user' },
  'account.mfa.pending': { kind: 'query', scope: 'user' },
  'account.mfa.start': { kind: 'mutation', scope: 'user' },
  'account.mfa.confirm': { kind: 'mutation', scope: 'user' },
  'account.mfa.disable': { kind: 'mutation', scope: 'user' },
  'account.changePassword': { kind: 'mutation', scope: 'user' },
  'account.signOutEverywhere': { kind: 'mutation', scope: 'user' },
  'sso.settings': { kind: 'query', scope: 'org', permission: 'sso.manage', input: (org) => ({ org }) },
  'sso.saveConnection': { kind: 'mutation', scope: 'org', permission: 'sso.manage', input: (org) => ({ org, ...ssoConnectionInput }) },
  'sso.checkConnection': {
    kind: 'mutation',
    scope: 'org',
    permission: 'sso.manage',
    input: async (org) => {
      await ssoConnectionIn(org)
      return { org }
    },
  },
  'sso.claimDomain': { kind: 'mutation', scope: 'org', permission: 'sso.manage', input: (org) => ({ org, domain: `d-${randomUUID().slice(0, 8)}.example` }) },
  // A domain already verified: the call answers without a DNS lookup (DNS proof is in sso.integration.test.ts).
  'sso.verifyDomain': { kind: 'mutation', scope: 'org', permission: 'sso.manage', input: async (org) => ({ org, domainId: await ssoDomainIn(org, true) }) },
  'sso.removeDomain': { kind: 'mutation', scope: 'org', permission: 'sso.manage', input: async (org) => ({ org, domainId: await ssoDomainIn(org, false) }) },
  'portfolio.list': { kind: 'query', scope: 'org', permission: 'portfolio.read', orgKind: 'MSP', input: (org) => ({ org, quarter: '2026-Q3' }) },
  'portfolio.generatePacks': {
    kind: 'mutation',
    scope: 'org',
    permission: 'pack.generate',
    orgKind: 'MSP',
    input: (org) => ({ org, quarter: '2026-Q3', slugs: [DEMO_PARTNERSHIPS.find((p) => p.msp === org || p.client === org)!.slug] }),
  },
  'portfolio.packJobs': {
    kind: 'query',
    scope: 'org',
    permission: 'portfolio.read',
    orgKind: 'MSP',
    input: async (org) => ({ org, ids: [(await packJob(DEMO_PARTNERSHIPS.find((p) => p.msp === org || p.client === org)!.slug)).id] }),
  },
  'portfolio.clientOverview': { kind: 'query', scope: 'org', permission: 'partnership.read', orgKind: 'CLIENT', input: (org) => ({ org }) },
  'webhook.list': { kind: 'query', scope: 'org', permission: 'webhook.manage', input: (org) => ({ org }) },
  'webhook.deliveries': { kind: 'query', scope: 'org', permission: 'webhook.manage', input: (org) => ({ org }) },
  'webhook.create': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: (org) => ({ org, url: 'https://hooks.example.test/new', events: ['pack.frozen'] }) },
  'webhook.update': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: async (org) => ({ org, id: await webhookIn(org), baseVersion: 1, enabled: false }) },
  'webhook.rotateSecret': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: async (org) => ({ org, id: await webhookIn(org) }) },
  'webhook.delete': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: async (org) => ({ org, id: await webhookIn(org) }) },
  'webhook.sendTest': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: async (org) => ({ org, id: await webhookIn(org) }) },
  'webhook.resend': { kind: 'mutation', scope: 'org', permission: 'webhook.manage', input: async (org) => ({ org, id: await failedDeliveryIn(org) }) },
  'notifications.preferences': { kind: 'query', scope: 'user' },
  'notifications.setPreferences': { kind: 'mutation', scope: 'user' },
  'token.list': { kind: 'query', scope: 'user' },
  'token.create': { kind: 'mutation', scope: 'user' },
  'token.revoke': { kind: 'mutation', scope: 'user' },
  'tickets.upsert': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'ticket.write',
    input: (slug) => ({ slug, tickets: [ticket()] }),
  },
  'metrics.record': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'ticket.write',
    input: (slug) => ({ slug, samples: [{ metric: 'uptime', at: new Date().toISOString(), value: 99.95 }] }),
  },
  'tickets.list': { kind: 'query', scope: 'partnership', permission: 'ticket.read', input: (slug) => ({ slug }) },
  'sla.report': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug), quarter: '2026-Q3' }) },
  'sla.reportList': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug), quarter: '2026-Q3', list: 'breaches', limit: 5 }) },
  'pack.list': { kind: 'query', scope: 'partnership', permission: 'pack.read', input: (slug) => ({ slug }) },
  'pack.snapshot': { kind: 'query', scope: 'partnership', permission: 'pack.read', input: (slug) => packVersion(slug) },
  'pack.generate': { kind: 'mutation', scope: 'partnership', permission: 'pack.generate', input: async (slug) => ({ slug: await withSlaData(slug), quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' }) },
  'pack.verify': { kind: 'mutation', scope: 'partnership', permission: 'pack.read', input: (slug) => ({ slug, sha256: 'a'.repeat(64) }) },
  'pack.job': { kind: 'query', scope: 'partnership', permission: 'pack.read', input: (slug) => packJob(slug) },
  'narrative.get': { kind: 'query', scope: 'partnership', permission: 'pack.read', input: (slug) => ({ slug, quarter: '2026-Q3' }) },
  'narrative.save': { kind: 'mutation', scope: 'partnership', permission: 'narrative.edit', input: (slug) => ({ slug, quarter: '2026-Q3', baseVersion: 0, changes: { summary: 'Written by the target’s party' } }) },
  'fiscal.set': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: (slug) => ({ slug, startMonth: 4 }) },
  'acknowledgement.list': { kind: 'query', scope: 'partnership', permission: 'pack.read', input: (slug) => ({ slug, quarter: '2026-Q3' }) },
  'acknowledgement.pack': { kind: 'mutation', scope: 'partnership', permission: 'pack.acknowledge', input: async (slug) => ({ ...(await packVersion(slug)), sha256: 'b'.repeat(64) }) },
  'acknowledgement.minutes': { kind: 'mutation', scope: 'partnership', permission: 'pack.acknowledge', input: (slug) => minutesOf(slug) },
  'sla.ticketStats': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug), quarter: '2026-Q3' }) },
  'sla.kpis': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug), quarter: '2026-Q3' }) },
  'sla.policy': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug) }) },
  'sla.policyVersions': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.setPolicy': { kind: 'mutation', scope: 'partnership', permission: 'sla.manage', input: async (slug) => ({ slug, policy: DEMO_POLICY, baseVersion: await policyVersion(slug) }) },
  'sla.priorityMappings': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.sourcePriorities': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.setPriorityMapping': { kind: 'mutation', scope: 'partnership', permission: 'sla.manage', input: (slug) => ({ slug, source: 'csv', mapping: { Urgent: 'P1' } }) },
  'sla.explainTicket': { kind: 'query', scope: 'partnership', permission: 'ticket.read', input: async (slug) => ({ slug: await withSlaData(slug), externalId: 'T-1' }) },
  'sla.atRisk': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug: await withSlaData(slug) }) },
  'responsibility.list': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'responsibility.get': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.responsibility(slug) },
  'responsibility.matrix': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'responsibility.changesSince': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug, since: '2026-01-01T00:00:00Z' }) },
  'responsibility.create': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'responsibility.edit',
    input: (slug) => ({ slug, category: 'Ops', name: 'New', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' }),
  },
  'responsibility.update': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'responsibility.edit',
    input: async (slug) => ({ ...(await entity.responsibility(slug)), changes: { notes: 'changed' } }),
  },
  'responsibility.applyTemplate': { kind: 'mutation', scope: 'partnership', permission: 'responsibility.edit', input: (slug) => ({ slug }) },
  'responsibility.delete': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.responsibility(slug) },
  'responsibility.restore': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.responsibility(slug, deleted) },
  'responsibility.history': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.responsibility(slug) },
  'roadmap.list': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'roadmap.get': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.roadmap(slug) },
  'roadmap.create': { kind: 'mutation', scope: 'partnership', permission: 'roadmap.edit', input: (slug) => ({ slug, title: 'New idea' }) },
  'roadmap.update': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'roadmap.edit',
    input: async (slug) => ({ ...(await entity.roadmap(slug)), changes: { category: 'Security' } }),
  },
  'roadmap.approve': { kind: 'mutation', scope: 'partnership', permission: 'roadmap.approve', input: (slug) => entity.roadmap(slug) },
  'roadmap.delete': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.roadmap(slug) },
  'roadmap.restore': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.roadmap(slug, deleted) },
  'roadmap.history': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.roadmap(slug) },
  'roadmap.comments': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.roadmap(slug) },
  'roadmap.comment': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'comment.create',
    input: async (slug) => ({ ...(await entity.roadmap(slug)), body: 'Looks good @casey' }),
  },
  'roadmap.budget': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'csi.stages': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'csi.list': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'csi.get': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.csi(slug) },
  'csi.create': { kind: 'mutation', scope: 'partnership', permission: 'csi.edit', input: (slug) => ({ slug, opportunity: 'Faster P2', size: 'MEDIUM' }) },
  'csi.update': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'csi.edit',
    input: async (slug) => ({ ...(await entity.csi(slug)), changes: { justification: 'because' } }),
  },
  'csi.delete': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.csi(slug) },
  'csi.restore': { kind: 'mutation', scope: 'partnership', permission: 'workspace.delete', input: (slug) => entity.csi(slug, deleted) },
  'csi.history': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.csi(slug) },
  'csi.comments': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => entity.csi(slug) },
  'csi.comment': { kind: 'mutation', scope: 'partnership', permission: 'comment.create', input: async (slug) => ({ ...(await entity.csi(slug)), body: 'Agreed' }) },
  'connector.status': { kind: 'query', scope: 'partnership', permission: 'connector.read', input: (slug) => withConnection(slug) },
  'connector.runs': { kind: 'query', scope: 'partnership', permission: 'connector.read', input: (slug) => withConnection(slug) },
  'connector.save': { kind: 'mutation', scope: 'partnership', permission: 'connector.manage', input: (slug) => ({ slug, ...psaConnectionInput }) },
  'connector.test': { kind: 'mutation', scope: 'partnership', permission: 'connector.manage', input: (slug) => withConnection(slug) },
  'connector.startSync': { kind: 'mutation', scope: 'partnership', permission: 'sync.run', input: (slug) => withConnection(slug) },
  'assets.list': { kind: 'query', scope: 'partnership', permission: 'asset.read', input: (slug) => ({ slug }) },
  'assets.forecast': { kind: 'query', scope: 'partnership', permission: 'asset.read', input: (slug) => ({ slug }) },
  'assets.toRoadmap': { kind: 'mutation', scope: 'partnership', permission: 'roadmap.edit', input: (slug) => assetDueNow(slug) },
  'assets.upsert': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'asset.write',
    input: (slug) => ({ slug, assets: [{ externalId: `A-${randomUUID()}`, name: 'Laptop 1', warrantyEnd: '2027-01-31', replacementCost: 1200 }] }),
  },
  'psaTickets.list': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: (slug) => ({ slug }) },
  'psaTickets.send': { kind: 'mutation', scope: 'partnership', permission: 'psa.send', input: async (slug) => ({ slug, itemKind: 'ROADMAP_ITEM', itemId: (await sentItem(slug)).itemId, board: '1' }) },
  'psaTickets.closeItem': { kind: 'mutation', scope: 'partnership', permission: 'roadmap.edit', input: async (slug) => ({ slug, linkId: (await sentItem(slug, true)).linkId, baseVersion: 1 }) },
  'qbr.list': { kind: 'query', scope: 'partnership', permission: 'qbr.read', input: (slug) => ({ slug }) },
  'qbr.get': { kind: 'query', scope: 'partnership', permission: 'qbr.read', input: async (slug) => ({ slug, quarter: (await qbrIn(slug)).quarter }) },
  'qbr.create': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: (slug) => ({ slug, quarter: nextQuarter() }) },
  'qbr.update': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: async (slug) => ({ ...(await qbrRef(slug, 'id')), changes: { location: 'Plant 2' } }) },
  'qbr.setStatus': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: async (slug) => ({ ...(await qbrRef(slug, 'id')), status: 'SCHEDULED' }) },
  'qbr.delete': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: (slug) => qbrRef(slug, 'id') },
  'qbr.restore': { kind: 'mutation', scope: 'partnership', permission: 'qbr.manage', input: (slug) => qbrRef(slug, 'id', deleted) },
  'qbr.history': { kind: 'query', scope: 'partnership', permission: 'qbr.read', input: async (slug) => ({ ...(await qbrRef(slug, 'agendaId')), entityType: 'QbrAgendaItem' }) },
  'qbr.agenda.add': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ slug, qbrId: (await qbrIn(slug)).id, title: 'Extra item' }) },
  'qbr.agenda.update': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ ...(await qbrRef(slug, 'agendaId')), changes: { timeboxMinutes: 30 } }) },
  'qbr.agenda.reorder': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'qbr.edit',
    input: async (slug) => {
      const q = await qbrIn(slug)
      const second = await (await db()).qbrAgendaItem.create({ data: { partnershipId: await partnershipId(slug), qbrId: q.id, title: 'Second' } })
      await (await db()).qbr.update({ where: { id: q.id }, data: { agendaOrder: [q.agendaId, second.id] } })
      return { slug, id: q.id, baseVersion: 1, order: [second.id, q.agendaId] }
    },
  },
  'qbr.agenda.delete': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'agendaId') },
  'qbr.agenda.restore': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'agendaId', deleted) },
  'qbr.minutes': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ ...(await qbrRef(slug, 'agendaId')), minutes: 'Noted.' }) },
  'qbr.decisions.add': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ slug, qbrId: (await qbrIn(slug)).id, text: 'Agreed' }) },
  'qbr.decisions.update': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ ...(await qbrRef(slug, 'decisionId')), changes: { text: 'Agreed again' } }) },
  'qbr.decisions.delete': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'decisionId') },
  'qbr.decisions.restore': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'decisionId', deleted) },
  'qbr.attendees.add': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'qbr.edit',
    input: async (slug) => ({ slug, qbrId: (await qbrIn(slug)).id, email: `new-${randomUUID()}@example.com`, party: 'MSP' }),
  },
  'qbr.attendees.remove': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ slug, id: (await qbrIn(slug)).attendeeId }) },
  'qbr.actionItems.list': { kind: 'query', scope: 'partnership', permission: 'qbr.read', input: (slug) => ({ slug }) },
  'qbr.actionItems.create': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'qbr.edit',
    input: async (slug) => ({ slug, qbrId: (await qbrIn(slug)).id, title: 'Do it', owner: 'Someone', party: 'CLIENT' }),
  },
  'qbr.actionItems.update': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: async (slug) => ({ ...(await qbrRef(slug, 'actionId')), changes: { status: 'DONE' } }) },
  'qbr.actionItems.delete': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'actionId') },
  'qbr.actionItems.restore': { kind: 'mutation', scope: 'partnership', permission: 'qbr.edit', input: (slug) => qbrRef(slug, 'actionId', deleted) },
  'standards.list': { kind: 'query', scope: 'org', permission: 'standard.read', input: (org) => ({ org }) },
  'standards.get': { kind: 'query', scope: 'org', permission: 'standard.read', input: async (org) => { const { id } = await standardIn(org); return { org, id } } },
  'standards.create': { kind: 'mutation', scope: 'org', permission: 'standard.manage', input: (org) => ({ org, category: 'Identity', question: 'Is there a break-glass account?' }) },
  'standards.update': { kind: 'mutation', scope: 'org', permission: 'standard.manage', input: async (org) => ({ ...(await standardIn(org)), changes: { severity: 'LOW' } }) },
  'standards.setRetired': { kind: 'mutation', scope: 'org', permission: 'standard.manage', input: async (org) => ({ ...(await standardIn(org)), retired: true }) },
  'assessments.list': { kind: 'query', scope: 'partnership', permission: 'assessment.read', input: (slug) => ({ slug }) },
  'assessments.trend': { kind: 'query', scope: 'partnership', permission: 'assessment.read', input: (slug) => ({ slug }) },
  'assessments.get': { kind: 'query', scope: 'partnership', permission: 'assessment.read', input: async (slug) => { const { id } = await assessmentIn(slug, 'REVIEWED'); return { slug, id } } },
  'assessments.origin': { kind: 'query', scope: 'partnership', permission: 'workspace.read', input: async (slug) => ({ slug, kind: 'ROADMAP', id: (await entity.roadmap(slug)).id }) },
  'assessments.create': { kind: 'mutation', scope: 'partnership', permission: 'assessment.answer', input: (slug) => noOpenAssessment(slug) },
  'assessments.answer': { kind: 'mutation', scope: 'partnership', permission: 'assessment.answer', input: async (slug) => { const a = await assessmentIn(slug, 'DRAFT', null); return { slug, answerId: a.answerId, baseVersion: 1, alignment: 'ALIGNED' } } },
  'assessments.submit': { kind: 'mutation', scope: 'partnership', permission: 'assessment.answer', input: async (slug) => { const { id } = await assessmentIn(slug, 'DRAFT'); return { slug, id, baseVersion: 1 } } },
  'assessments.review': { kind: 'mutation', scope: 'partnership', permission: 'assessment.review', input: async (slug) => { const { id } = await assessmentIn(slug, 'IN_REVIEW'); return { slug, id, baseVersion: 1 } } },
  'assessments.sendBack': { kind: 'mutation', scope: 'partnership', permission: 'assessment.review', input: async (slug) => { const { id } = await assessmentIn(slug, 'IN_REVIEW'); return { slug, id, baseVersion: 1, note: 'Check backups again' } } },
  'assessments.convert': { kind: 'mutation', scope: 'partnership', permission: 'assessment.review', input: async (slug) => { const a = await assessmentIn(slug, 'REVIEWED'); return { slug, answerId: a.answerId, baseVersion: 1, into: 'ROADMAP' } } },
  'assessments.comments': { kind: 'query', scope: 'partnership', permission: 'assessment.read', input: async (slug) => { const { id } = await assessmentIn(slug, 'REVIEWED'); return { slug, id } } },
  'assessments.comment': { kind: 'mutation', scope: 'partnership', permission: 'comment.create', input: async (slug) => { const { id } = await assessmentIn(slug, 'REVIEWED'); return { slug, id, body: 'Noted' } } },
  'disputes.list': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: (slug) => ({ slug }) },
  'disputes.get': { kind: 'query', scope: 'partnership', permission: 'sla.read', input: async (slug) => ({ slug, id: (await disputeIn(slug)).id }) },
  'disputes.raise': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'dispute.raise',
    input: async (slug) => ({ slug, externalId: (await disputeIn(slug)).externalId, metric: 'response', reason: 'The response was on time by phone.' }),
  },
  'disputes.accept': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'dispute.answer',
    input: async (slug) => {
      const { id, baseVersion } = await disputeIn(slug)
      return { slug, id, baseVersion, reason: 'Agreed after checking the log.' }
    },
  },
  'disputes.reject': {
    kind: 'mutation',
    scope: 'partnership',
    permission: 'dispute.answer',
    input: async (slug) => {
      const { id, baseVersion } = await disputeIn(slug)
      return { slug, id, baseVersion, answer: 'The timestamps in the PSA stand.' }
    },
  },
}

/** A stored pack version in the target partnership, written directly (a snapshot stub: only access is tested). */
async function packVersion(slug: string) {
  const prisma = await db()
  const partnershipIdValue = await partnershipId(slug)
  const last = await prisma.packVersion.findFirst({ where: { partnershipId: partnershipIdValue, quarter: '2026-Q3' }, orderBy: { version: 'desc' } })
  const version = (last?.version ?? 0) + 1
  await prisma.packVersion.create({
    data: { partnershipId: partnershipIdValue, quarter: '2026-Q3', version, asOf: new Date(), generatedByLabel: 'test', sha256: 'b'.repeat(64), byteSize: 4, pages: 1, snapshot: {}, pdf: new Uint8Array([37, 80, 68, 70]) },
  })
  return { slug, quarter: '2026-Q3', version }
}

/** A QBR of the target partnership and the hash of its minutes as they stand (read with the operator's scope). */
async function minutesOf(slug: string) {
  const { quarter } = await qbrIn(slug)
  return { slug, quarter, sha256: minutesDigest(await getQbr(await unsafeOperatorScope(slug), { slug, quarter })).sha256 }
}

/** A pack generation of the target partnership, queued directly (only access is tested). */
async function packJob(slug: string) {
  const job = await (await db()).job.create({ data: { kind: PACK_JOB, partnershipId: await partnershipId(slug), payload: { quarter: '2026-Q3', asOf: '2026-10-05T12:00:00.000Z', requestedBy: 'test' } } })
  return { slug, id: job.id }
}

/** Rows a refused call must not have written, per tenant. */
// What a refused call must leave as it was, read in one statement (it runs twice around every refused call: ~40
// Prisma counts a time made it the suite's largest cost). Each key is one count or a list of them.
const n = (table: string, where = 'true') => `(SELECT count(*)::int FROM "${table}" WHERE ${where})`
const FOOTPRINT: Record<string, string> = {
  tickets: n('Ticket'),
  samples: n('MetricSample'),
  invitations: n('Invitation', '"revokedAt" IS NULL'),
  memberships: n('Membership'),
  audit: n('AuditEvent'),
  history: n('FieldChange'),
  comments: n('Comment'),
  deletedRows: `json_build_array(${['RoadmapItem', 'CsiEntry', 'ResponsibilityFunction'].map((t) => n(t, '"deletedAt" IS NOT NULL')).join(', ')})`,
  policies: n('SlaPolicy'),
  mappings: n('PriorityMapping'),
  psa: `json_build_array((SELECT json_agg("updatedAt" ORDER BY "id") FROM "PsaConnection"), ${n('SyncRun')}, ${n('Job')})`,
  qbrRows: `json_build_array(${[n('Qbr'), n('Qbr', '"deletedAt" IS NOT NULL'), n('QbrAgendaItem', '"deletedAt" IS NULL'), n('QbrDecision', '"deletedAt" IS NULL'), n('QbrAttendee'), n('QbrActionItem', '"deletedAt" IS NULL'), n('QbrActionCarry')].join(', ')})`,
  packs: `json_build_array(${[n('PackVersion'), n('Asset'), n('PsaTicketLink'), n('RoadmapItem', `"status"::text = 'DONE'`), n('Acknowledgement'), n('Organization', '"logoPng" IS NOT NULL'), '(SELECT json_build_array(count(*), sum("version")) FROM "PackNarrative")'].join(', ')})`,
  disputes: `json_build_array(${[n('SlaDispute', `"status"::text = 'OPEN'`), n('SlaDispute'), n('SlaDisputeEvent')].join(', ')})`,
  mfa: `json_build_array(${n('TotpFactor')}, ${n('Organization', '"mfaRequired"')})`,
  sso: `json_build_array((SELECT json_agg("updatedAt" ORDER BY "id") FROM "SsoConnection"), ${n('SsoDomain')}, ${n('SsoDomain', '"verifiedAt" IS NOT NULL')})`,
  assessments: `json_build_array(${['Standard', 'Assessment'].map((t) => `(SELECT json_build_array(count(*), sum("version")) FROM "${t}")`).join(', ')}, (SELECT sum("version") FROM "AssessmentAnswer"))`,
}
const FOOTPRINT_SQL = `SELECT ${Object.values(FOOTPRINT).join(',\n  ')}`

async function tenantFootprint() {
  const [row] = await queryArrays(FOOTPRINT_SQL, [])
  return Object.fromEntries(Object.keys(FOOTPRINT).map((key, i) => [key, row[i]]))
}

let server: TestServer
let tokens: Map<string, string>
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
// Seeded once for the file; before each test the tables the last one changed are put back (same rows, same tokens).
const seeded = useSeededDatabase(async () => {
  await seedDemo()
  return demoTokens()
})
beforeEach(() => {
  tokens = seeded.value
})

describe('the procedure table', () => {
  it('covers every procedure of the router, so a new procedure cannot skip this suite', () => {
    const routerPaths = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort()
    expect(Object.keys(PROCEDURES).sort()).toEqual(routerPaths)
  })
})

describe.each(Object.entries(PROCEDURES).filter((e): e is [string, Scoped] => e[1].scope !== 'user'))('%s', (path, proc) => {
  const targets = proc.scope === 'partnership' ? DEMO_PARTNERSHIPS.map((p) => p.slug) : [...DEMO_ORG_SLUGS]

  it('answers each demo user by party and role, and a refused call writes nothing', async () => {
    const outcomes: string[] = []
    const expected: string[] = []
    for (const user of DEMO_USERS) {
      for (const target of targets) {
        const role = proc.scope === 'partnership' ? partyOf(user.email, target) : memberOf(user.email, target)
        const want = orgKindStatus(expectedStatus(role, proc.permission), target, proc.orgKind)
        const input = await proc.input(target)
        const before = want === 200 ? null : await tenantFootprint()
        const result = await trpc(server.url, { token: tokens.get(user.email)! }, proc.kind, path, input)
        outcomes.push(`${user.email} → ${target}: ${result.status}`)
        expected.push(`${user.email} → ${target}: ${want}`)
        if (want !== 200) {
          expect(result.body.error?.data.code, `${user.email} → ${target}`).toBe(want === 404 ? 'NOT_FOUND' : 'FORBIDDEN')
          if (want === 404) expect(JSON.stringify(result.body)).not.toMatch(/northwind|tailspin|contoso|fabrikam/i)
          expect(await tenantFootprint(), `${user.email} → ${target} wrote something`).toEqual(before)
        }
      }
    }
    expect(outcomes).toEqual(expected)
  })

  it('answers 401 without a session or token', async () => {
    const result = await trpc(server.url, null, proc.kind, path, await proc.input(targets[0]))
    expect(result.status).toBe(401)
    expect(result.body.error?.data.code).toBe('UNAUTHORIZED')
  })
})

describe('lists do not leak', () => {
  it('partnership.list shows each user exactly the partnerships of their organization', async () => {
    for (const user of DEMO_USERS) {
      const result = await trpc(server.url, { token: tokens.get(user.email)! }, 'query', 'partnership.list')
      const slugs = (result.body.result?.data as Array<{ slug: string }>).map((p) => p.slug)
      expect(slugs, user.email).toEqual(DEMO_PARTNERSHIPS.filter((p) => partyOf(user.email, p.slug)).map((p) => p.slug))
    }
  })

  it('partnership.audit holds only that partnership’s events', async () => {
    const prisma = await db()
    for (const p of DEMO_PARTNERSHIPS) {
      const id = (await prisma.partnership.findUniqueOrThrow({ where: { slug: p.slug } })).id
      const result = await trpc(server.url, { token: tokens.get('casey@contoso.example')! }, 'query', 'partnership.audit', { slug: p.slug, limit: 200 })
      if (!partyOf('casey@contoso.example', p.slug)) {
        expect(result.status).toBe(404)
        continue
      }
      const ids = (result.body.result?.data as { events: Array<{ id: string }> }).events.map((e) => e.id).sort()
      const own = (await prisma.auditEvent.findMany({ where: { partnershipId: id }, select: { id: true } })).map((e) => e.id).sort()
      expect(ids).toEqual(own)
      expect(ids.length).toBeGreaterThan(0)
    }
  })

  it('org.members and org.audit show only the caller’s own organization', async () => {
    const result = await trpc(server.url, { token: tokens.get('tara@tailspin.example')! }, 'query', 'org.members', { org: 'tailspin' })
    const emails = (result.body.result?.data as { members: Array<{ email: string }> }).members.map((m) => m.email)
    expect(emails).toEqual(['tara@tailspin.example'])
  })

  it('token.list shows only the caller’s tokens, and another user’s token cannot be revoked', async () => {
    const prisma = await db()
    const alexToken = await prisma.apiToken.findFirstOrThrow({ where: { user: { email: 'alex@northwind.example' } } })
    const list = await trpc(server.url, { token: tokens.get('tara@tailspin.example')! }, 'query', 'token.list')
    expect((list.body.result?.data as Array<{ id: string }>).map((t) => t.id)).not.toContain(alexToken.id)
    const revoke = await trpc(server.url, { token: tokens.get('tara@tailspin.example')! }, 'mutation', 'token.revoke', { id: alexToken.id })
    expect(revoke.body.error?.data.code).toBe('NOT_FOUND')
    expect((await trpc(server.url, { token: tokens.get('alex@northwind.example')! }, 'query', 'me')).status).toBe(200)
  })

  it('org.outbox shows an admin only mail to their own organization’s people', async () => {
    const prisma = await db()
    const orgs = await prisma.organization.findMany({ select: { id: true, slug: true, memberships: { select: { user: { select: { email: true } } } } } })
    for (const o of orgs) {
      for (const m of o.memberships) {
        await prisma.outboxMessage.create({ data: { kind: 'SLA_BREACH', to: m.user.email, subject: `to ${m.user.email}`, text: 'x', html: 'x', status: 'OUTBOX', organizationId: o.id } })
      }
    }
    for (const admin of DEMO_USERS.filter((u) => u.role === 'MSP_ADMIN' || u.role === 'CLIENT_EXECUTIVE')) {
      const result = await trpc(server.url, { token: tokens.get(admin.email)! }, 'query', 'org.outbox', { org: admin.org })
      const seen = (result.body.result?.data as Array<{ to: string }>).map((m) => m.to).sort()
      expect(seen, admin.email).toEqual(DEMO_USERS.filter((u) => u.org === admin.org).map((u) => u.email).sort())
    }
  })

  it('sso.settings shows an admin only their own organization’s domains, and never a client secret', async () => {
    const prisma = await db()
    for (const org of DEMO_ORG_SLUGS) {
      await ssoDomainIn(org, false)
      const organizationId = await orgId(org)
      await prisma.ssoConnection.create({ data: { organizationId, issuerUrl: 'https://idp.example', clientId: `client-${org}`, clientSecret: `sealed-secret-of-${org}` } })
    }
    for (const admin of DEMO_USERS.filter((u) => u.role === 'MSP_ADMIN' || u.role === 'CLIENT_EXECUTIVE')) {
      const result = await trpc(server.url, { token: tokens.get(admin.email)! }, 'query', 'sso.settings', { org: admin.org })
      const data = result.body.result?.data as { connection: { clientId: string }; domains: Array<{ id: string }> }
      const own = await prisma.ssoDomain.findMany({ where: { organization: { slug: admin.org } }, select: { id: true } })
      expect(data.domains.map((d) => d.id), admin.email).toEqual(own.map((d) => d.id))
      expect(data.connection.clientId).toBe(`client-${admin.org}`)
      expect(JSON.stringify(result.body)).not.toContain('sealed-secret')
    }
  })

  it('notifications.setPreferences changes only the caller’s own choices', async () => {
    await trpc(server.url, { token: tokens.get('tara@tailspin.example')! }, 'mutation', 'notifications.setPreferences', { enabled: [] })
    const prisma = await db()
    const owners = await prisma.notificationPreference.findMany({ select: { user: { select: { email: true } } } })
    expect(new Set(owners.map((o) => o.user.email))).toEqual(new Set(['tara@tailspin.example']))
  })

  it('user-scoped procedures answer 401 without a session or token', async () => {
    for (const [path, proc] of Object.entries(PROCEDURES).filter(([, p]) => p.scope === 'user')) {
      const input = path === 'token.create' ? { name: 'x' } : path === 'token.revoke' ? { id: randomUUID() } : path === 'notifications.setPreferences' ? { enabled: [] } : undefined
      expect((await trpc(server.url, null, proc.kind, path, input)).status, path).toBe(401)
    }
  })
})

const PARTNERSHIP_PAGES: Array<[string, Permission]> = [
  ['', 'partnership.read'],
  ['/members', 'partnership.read'],
  ['/audit', 'audit.read'],
  ['/assessments', 'assessment.read'],
]
const ORG_PAGES: Array<[string, Permission, ('MSP' | 'CLIENT')?]> = [
  ['/members', 'member.read'],
  ['/audit', 'audit.read'],
  ['/overview', 'partnership.read', 'CLIENT'],
  ['/standards', 'standard.read'],
]

/** A member allowed by role still gets 403 from a procedure or page for the other kind of organization. */
function orgKindStatus(status: 200 | 403 | 404, org: string, kind: 'MSP' | 'CLIENT' | undefined): 200 | 403 | 404 {
  if (status !== 200 || !kind) return status
  return DEMO_ORGS.find((o) => o.slug === org)!.kind === kind ? 200 : 403
}

describe('pages', () => {
  it('answer each demo user by party and role, never showing another tenant', async () => {
    const outcomes: string[] = []
    const expected: string[] = []
    for (const user of DEMO_USERS) {
      const session = await signIn(server.url, user.email)
      for (const p of DEMO_PARTNERSHIPS) {
        for (const [suffix, permission] of PARTNERSHIP_PAGES) {
          const path = `/p/${p.slug}${suffix}`
          const response = await page(server.url, session, path)
          outcomes.push(`${user.email} ${path}: ${response.status}`)
          expected.push(`${user.email} ${path}: ${expectedStatus(partyOf(user.email, p.slug), permission)}`)
          const html = await response.text()
          // An MSP's people never see the other MSP of a shared client (Contoso's own people legitimately do).
          const otherMsp = p.msp === 'northwind' ? 'Tailspin' : 'Northwind'
          if (response.status === 200 && user.org === p.msp) expect(html, `${user.email} ${path}`).not.toContain(otherMsp)
        }
      }
      for (const org of DEMO_ORG_SLUGS) {
        for (const [suffix, permission, kind] of ORG_PAGES) {
          const path = `/org/${org}${suffix}`
          const response = await page(server.url, session, path)
          outcomes.push(`${user.email} ${path}: ${response.status}`)
          expected.push(`${user.email} ${path}: ${orgKindStatus(expectedStatus(memberOf(user.email, org), permission), org, kind)}`)
        }
      }
    }
    expect(outcomes).toEqual(expected)
  })

  it('send a visitor without a session to the sign-in page', async () => {
    for (const path of ['/', '/p/northwind-contoso', '/p/northwind-contoso/audit', '/org/northwind/members', '/account/tokens']) {
      const response = await page(server.url, null, path)
      expect(response.status, path).toBe(302)
      expect(response.headers.get('location'), path).toMatch(/^\/login\?redirectTo=/)
    }
  })
})
