// The cross-tenant suite, by row (CONVENTIONS 4 and 11): a caller allowed in their own partnership or
// organization names a row of another tenant by its id (in the input, a link or a cursor). The verified scope
// must hold for every row an id points at: 404 (or 400 for a link), nothing written, nothing of the row shown,
// including for a client naming a row of its other MSP's partnership under this one's slug. And every list and
// read of a partnership or organization holds exactly that tenant's rows.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Permission, roleCan } from '../../server/access/permissions.ts'
import { db, queryArrays } from '../../server/db/client.server.ts'
import { newWebhookSecret } from '../../server/webhooks/webhook-secret.server.ts'
import { PACK_JOB } from '../../server/pack/pack-job.server.ts'
import { DEMO_PARTNERSHIPS } from '../../server/demo/demo-data.ts'
import { hashToken } from '../../server/tokens/token-format.ts'
import { appRouter } from '../../server/trpc/router.ts'
import { useSeededDatabase } from '../helpers/database-state.ts'
import { seedDemo } from '../helpers/factories.ts'
import { encodeCursor } from '../../server/sla/report-lists.ts'
import { type TrpcResult, trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'
import {
  TENANT_USERS,
  type TenantData,
  type TenantUser,
  forbiddenFor,
  leaks,
  orgMarker,
  orgRole,
  partnershipMarker,
  partyRole,
  disputedTicket,
  seedTenantData,
  visiblePartnerships,
  AT_RISK_AS_OF,
} from '../helpers/tenant-data.ts'

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

const tenantUser = (email: string) => TENANT_USERS.find((u) => u.email === email)!
const call = (user: TenantUser, path: string, input: unknown) => {
  const kind = procedures[path]._def.type === 'query' ? 'query' : 'mutation'
  return trpc(server.url, { token: data.tokens.get(user.email)! }, kind, path, input)
}

// ---- the router's procedures and the keys of their inputs -------------------------------------------------------

type Shape = Record<string, { _zod?: { def?: { shape?: Shape; innerType?: { _zod?: { def?: { shape?: Shape } } } } } }>
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; inputs: Array<{ shape?: Shape }> } }> } })._def
  .procedures

/** Input keys of a procedure, with one level of `changes` (e.g. `changes.csiEntryIds`). */
function inputKeys(path: string): string[] {
  const keys: string[] = []
  for (const input of procedures[path]._def.inputs) {
    for (const [key, schema] of Object.entries(input.shape ?? {})) {
      keys.push(key)
      const def = schema._zod?.def
      const nested = def?.shape ?? def?.innerType?._zod?.def?.shape
      if (key === 'changes' && nested) keys.push(...Object.keys(nested).map((k) => `changes.${k}`))
    }
  }
  return keys
}

/** An input key naming rows: an id, a list of ids, a ticket's external id, or a page cursor. */
const isReference = (key: string) => /(^|\.)(id|cursor)$|Ids?$/.test(key)

// ---- rows to aim at --------------------------------------------------------------------------------------------

/** Fresh rows of one tenant: live and deleted workspace rows, an invitation, a member, a token, audit events. */
interface Target {
  slug: string
  org: string
  roadmap: string
  responsibility: string
  csi: string
  deleted: { roadmap: string; responsibility: string; csi: string }
  onlyTicket: string
  ticketId: string
  invitation: string
  member: string
  token: string
  partnershipEvent: string
  orgEvent: string
  /** A QBR (scheduled times set, two agenda items) with a decision, an attendee and an action item; and deleted ones. */
  qbr: { id: string; agenda: [string, string]; decision: string; attendee: string; action: string }
  deletedQbr: { id: string; agendaItem: string; decision: string; action: string }
  /** A pack generation that failed, its error marked. */
  packJob: string
  /** A fresh ticket with decided verdicts, and an open dispute of its resolution. */
  disputeTicket: string
  dispute: string
  /** The member above with a confirmed authenticator, and a verified SSO domain of the organization. */
  mfaMember: string
  ssoDomain: string
  /** A webhook endpoint of the organization, with one delivery in its log. */
  webhook: string
  /** A FAILED delivery of that endpoint, which may be sent again. */
  failedDelivery: string
  /** An approved roadmap item sent to the PSA (link SENT), and a link whose PSA ticket is closed. */
  sent: { item: string; closedLink: string }
  /** A standard of the organization's library, or for a client organization of its partnership's MSP's library. */
  standard: string
  /**
   * Assessments of the partnership: a reviewed one (commented, its misaligned finding not yet converted, another of
   * its answers turned into the live roadmap item), one in review, and a draft whose one answer is given.
   */
  assessment: { reviewed: string; finding: string; inReview: string; draft: string; draftAnswer: string }
}

let quarters = 0
const nextQuarter = () => `${2040 + Math.floor(quarters / 4)}-Q${(quarters++ % 4) + 1}`

async function qbrRowsIn(partnershipId: string, marker: string) {
  const prisma = await db()
  const qbr = await prisma.qbr.create({
    data: {
      partnershipId,
      quarter: nextQuarter(),
      title: `${marker} target QBR`,
      icsUid: `${randomUUID()}@test`,
      startLocal: '2026-09-15T10:00',
      endLocal: '2026-09-15T12:00',
      startsAt: new Date('2026-09-15T10:00Z'),
      endsAt: new Date('2026-09-15T12:00Z'),
    },
  })
  const item = (extra: Record<string, unknown> = {}) => prisma.qbrAgendaItem.create({ data: { partnershipId, qbrId: qbr.id, title: `${marker} target agenda`, minutes: `${marker} minutes`, ...extra } })
  const agenda: [string, string] = [(await item()).id, (await item()).id]
  await prisma.qbr.update({ where: { id: qbr.id }, data: { agendaOrder: agenda } })
  const deletedAgendaItem = (await item({ deletedAt: new Date() })).id
  const decision = (extra: Record<string, unknown> = {}) => prisma.qbrDecision.create({ data: { partnershipId, qbrId: qbr.id, text: `${marker} target decision`, ...extra } })
  const action = (extra: Record<string, unknown> = {}) => prisma.qbrActionItem.create({ data: { partnershipId, qbrId: qbr.id, title: `${marker} target action`, owner: `${marker} owner`, party: 'MSP', ...extra } })
  const attendee = await prisma.qbrAttendee.create({ data: { partnershipId, qbrId: qbr.id, email: `guest-${randomUUID()}@example.com`, name: `${marker} guest`, party: 'CLIENT' } })
  const deletedQbr = await prisma.qbr.create({ data: { partnershipId, quarter: nextQuarter(), title: `${marker} deleted QBR`, icsUid: `${randomUUID()}@test`, deletedAt: new Date() } })
  return {
    qbr: { id: qbr.id, agenda, decision: (await decision()).id, attendee: attendee.id, action: (await action()).id },
    deletedQbr: { id: deletedQbr.id, agendaItem: deletedAgendaItem, decision: (await decision({ deletedAt: new Date() })).id, action: (await action({ deletedAt: new Date() })).id },
  }
}

async function assessmentRowsIn(partnershipId: string, marker: string, roadmapItemId: string) {
  const prisma = await db()
  const assessment = (status: 'DRAFT' | 'IN_REVIEW' | 'REVIEWED') =>
    prisma.assessment.create({
      data: { partnershipId, title: `${marker} target assessment`, status, createdByLabel: `${marker} engineer`, ...(status === 'REVIEWED' ? { reviewedAt: new Date(), reviewedByLabel: `${marker} reviewer` } : {}) },
    })
  const answer = (assessmentId: string, sortOrder: number, extra: Record<string, unknown>) =>
    prisma.assessmentAnswer.create({
      data: { partnershipId, assessmentId, standardId: randomUUID(), standardVersion: 1, category: 'Identity', question: `${marker} target standard`, severity: 'HIGH', evidence: `${marker} evidence`, sortOrder, ...extra },
    })
  const reviewed = await assessment('REVIEWED')
  const finding = await answer(reviewed.id, 0, { alignment: 'MISALIGNED' })
  await answer(reviewed.id, 1, { alignment: 'MISALIGNED', roadmapItemId })
  await prisma.comment.create({ data: { partnershipId, entityType: 'Assessment', entityId: reviewed.id, authorLabel: `${marker} author`, authorParty: 'MSP', body: `${marker} comment`, mentions: [] } })
  const inReview = await assessment('IN_REVIEW')
  await answer(inReview.id, 0, { alignment: 'ALIGNED' })
  const draft = await assessment('DRAFT')
  const draftAnswer = await answer(draft.id, 0, { alignment: 'UNKNOWN' })
  return { reviewed: reviewed.id, finding: finding.id, inReview: inReview.id, draft: draft.id, draftAnswer: draftAnswer.id }
}

function sealedWebhookSecret(id: string) {
  const { sealed, hint } = newWebhookSecret(id)
  return { secretSealed: sealed, secretHint: hint }
}

async function sentRowsIn(partnershipId: string, marker: string) {
  const prisma = await db()
  const link = async () => {
    const item = await prisma.roadmapItem.create({ data: { partnershipId, title: `${marker} sent`, proposedBy: 'MSP', status: 'APPROVED' } })
    const row = await prisma.psaTicketLink.create({
      data: { partnershipId, itemKind: 'ROADMAP_ITEM', itemId: item.id, kind: 'connectwise', idempotencyKey: randomUUID(), state: 'SENT', boardOrQueue: '1:Service Desk', externalId: '7', ticketNumber: '7', psaClosed: true, sentBy: `${marker} sender` },
    })
    return { item: item.id, link: row.id }
  }
  const sent = await link()
  return { item: sent.item, closedLink: (await link()).link }
}

async function targetIn(slug: string, org: string, tokenOwner: string): Promise<Target> {
  const prisma = await db()
  const partnershipId = data.partnerships[slug].id
  const organizationId = data.orgs[org].id
  const marker = partnershipMarker(slug)
  const rows = async (extra: Record<string, unknown>) => ({
    roadmap: (await prisma.roadmapItem.create({ data: { partnershipId, title: `${marker} target`, proposedBy: 'MSP', status: 'PROPOSED', ...extra } })).id,
    responsibility: (
      await prisma.responsibilityFunction.create({
        data: { partnershipId, category: `${marker} target`, name: `${marker} target`, classification: 'SHARED', mspRaci: 'R', clientRaci: 'A', ...extra },
      })
    ).id,
    csi: (await prisma.csiEntry.create({ data: { partnershipId, opportunity: `${marker} target`, size: 'SMALL', stage: 'PLAN', ...extra } })).id,
  })
  const live = await rows({})
  // History and comments on the live rows, so that reads of them have something to leak.
  for (const [entityType, entityId] of [
    ['RoadmapItem', live.roadmap],
    ['ResponsibilityFunction', live.responsibility],
    ['CsiEntry', live.csi],
  ] as const) {
    await prisma.comment.create({ data: { partnershipId, entityType, entityId, authorLabel: `${marker} author`, authorParty: 'MSP', body: `${marker} comment`, mentions: [] } })
    await prisma.fieldChange.create({ data: { partnershipId, entityType, entityId, version: 1, field: 'notes', after: `${marker} history`, actorLabel: `${marker} editor` } })
  }
  const deleted = await rows({ deletedAt: new Date() })
  const kind = DEMO_PARTNERSHIPS.some((p) => p.msp === org) ? 'MSP' : 'CLIENT'
  const library = kind === 'MSP' ? org : DEMO_PARTNERSHIPS.find((p) => p.slug === slug)!.msp
  const standard = await prisma.standard.create({ data: { organizationId: data.orgs[library].id, category: 'Identity', question: `${orgMarker(library)} target standard` } })
  const member = await prisma.user.create({ data: { email: `member-${randomUUID()}@test.example`, name: `${orgMarker(org)} member` } })
  await prisma.membership.create({ data: { organizationId, userId: member.id, role: kind === 'MSP' ? 'MSP_ENGINEER' : 'CLIENT_IT' } })
  await prisma.totpFactor.create({ data: { userId: member.id, sealedSecret: `${orgMarker(org)} sealed`, confirmedAt: new Date() } })
  const domain = `${randomUUID().slice(0, 8)}.${org}.example`
  const ssoDomain = await prisma.ssoDomain.create({ data: { organizationId, domain, verificationToken: randomUUID(), verifiedAt: new Date(), verifiedDomain: domain } })
  const webhookId = randomUUID()
  const webhook = await prisma.webhookEndpoint.create({
    data: { id: webhookId, organizationId, url: 'https://hooks.example.test/accord', description: `${orgMarker(org)} hook`, events: ['pack.frozen'], ...sealedWebhookSecret(webhookId) },
  })
  await prisma.webhookDelivery.create({ data: { endpointId: webhook.id, organizationId, eventId: randomUUID(), event: 'pack.frozen', payload: { marker }, status: 'SUCCEEDED', nextAttemptAt: null } })
  const failedDelivery = await prisma.webhookDelivery.create({ data: { endpointId: webhook.id, organizationId, eventId: randomUUID(), event: 'pack.frozen', payload: { marker }, status: 'FAILED', attempts: 8, nextAttemptAt: null } })
  const invitation = await prisma.invitation.create({
    data: { organizationId, email: `${orgMarker(org).toLowerCase()}-${randomUUID()}@invitee.example`, role: 'VIEWER', tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
  })
  const owner = await prisma.user.findUniqueOrThrow({ where: { email: tokenOwner } })
  const secret = `acc_test_${randomUUID()}`
  const token = await prisma.apiToken.create({ data: { userId: owner.id, name: `spare-${randomUUID()}`, prefix: secret.slice(0, 12), tokenHash: hashToken(secret) } })
  const ticket = await prisma.ticket.findFirstOrThrow({ where: { partnershipId, externalId: data.partnerships[slug].onlyTicket } })
  const disputed = await disputedTicket(partnershipId, marker)
  const partnershipEvent = await prisma.auditEvent.findFirstOrThrow({ where: { partnershipId } })
  const orgEvent = await prisma.auditEvent.findFirstOrThrow({ where: { organizationId, partnershipId: null } })
  return {
    slug,
    org,
    ...live,
    deleted,
    onlyTicket: data.partnerships[slug].onlyTicket,
    ticketId: ticket.id,
    invitation: invitation.id,
    member: member.id,
    mfaMember: member.id,
    ssoDomain: ssoDomain.id,
    webhook: webhook.id,
    failedDelivery: failedDelivery.id,
    token: token.id,
    partnershipEvent: partnershipEvent.id,
    orgEvent: orgEvent.id,
    ...(await qbrRowsIn(partnershipId, marker)),
    sent: await sentRowsIn(partnershipId, marker),
    standard: standard.id,
    assessment: await assessmentRowsIn(partnershipId, marker, live.roadmap),
    disputeTicket: disputed.externalId,
    dispute: disputed.dispute,
    packJob: (
      await prisma.job.create({
        data: { kind: PACK_JOB, partnershipId, status: 'failed', error: `${marker} pack error`, payload: { quarter: '2026-Q3', asOf: '2026-10-01T00:00:00.000Z', requestedBy: owner.id }, finishedAt: new Date() },
      })
    ).id,
  }
}

/**
 * Every row a write could touch, to compare before and after a refused call: the same rows and columns as ~30 Prisma
 * reads, in one statement (it runs twice around every refused call, and those reads were most of this suite's time).
 * Each key is a list of rows (as JSON arrays, in id order) or a count.
 */
const rows = (table: string, columns: string[], order = ['id']) =>
  `(SELECT json_agg(json_build_array(${columns.map((c) => `"${c}"`).join(', ')}) ORDER BY ${order.map((c) => `"${c}"`).join(', ')}) FROM "${table}")`
const count = (table: string) => `(SELECT count(*)::int FROM "${table}")`
const versioned = (table: string, more: string[] = []) => rows(table, ['id', 'version', 'deletedAt', ...more])
const FOOTPRINT: Record<string, string> = {
  roadmap: versioned('RoadmapItem'),
  approvals: rows('RoadmapItem', ['id', 'mspApprovedAt', 'clientApprovedAt', 'responsibilityIds', 'csiEntryIds']),
  responsibilities: versioned('ResponsibilityFunction'),
  csi: versioned('CsiEntry'),
  comments: count('Comment'),
  history: count('FieldChange'),
  audit: count('AuditEvent'),
  invitations: rows('Invitation', ['id', 'revokedAt']),
  memberships: rows('Membership', ['organizationId', 'userId', 'role'], ['organizationId', 'userId']),
  tokens: rows('ApiToken', ['id', 'revokedAt']),
  tickets: count('Ticket'),
  qbrs: `json_build_array(${[
    versioned('Qbr', ['status', 'agendaOrder', 'icsSequence']),
    versioned('QbrAgendaItem'),
    versioned('QbrDecision'),
    versioned('QbrActionItem'),
    rows('QbrAttendee', ['id']),
    count('QbrActionCarry'),
  ].join(', ')})`,
  disputes: `json_build_array(${rows('SlaDispute', ['id', 'status', 'version'])}, ${count('SlaDisputeEvent')})`,
  signIn: `json_build_array(${[
    rows('TotpFactor', ['userId', 'confirmedAt'], ['userId']),
    rows('SsoDomain', ['id', 'verifiedAt']),
    rows('WebhookEndpoint', ['id', 'version', 'enabled', 'secretSealed']),
    count('WebhookDelivery'),
  ].join(', ')})`,
  assessments: `json_build_array(${[
    rows('Standard', ['id', 'version', 'retiredAt']),
    rows('Assessment', ['id', 'version', 'status', 'returnNote']),
    rows('AssessmentAnswer', ['id', 'version', 'alignment', 'roadmapItemId', 'csiEntryId']),
  ].join(', ')})`,
}
const FOOTPRINT_SQL = `SELECT ${Object.values(FOOTPRINT).join(',\n  ')}`

async function footprint() {
  const [row] = await queryArrays(FOOTPRINT_SQL, [])
  return Object.fromEntries(Object.keys(FOOTPRINT).map((key, i) => [key, row[i]]))
}

interface Scenario {
  who: string
  /** The caller's own partnership and organization, where the caller has every permission used below. */
  slug: string
  org: string
  /** Where the named rows really are. */
  foreignSlug: string
  foreignOrg: string
  foreignUser: string
}

const SCENARIOS: Scenario[] = [
  // An MSP naming rows of the other MSP's partnership with a shared client, and of its client organization.
  { who: 'ava@northwind.example', slug: 'northwind-contoso', org: 'northwind', foreignSlug: 'tailspin-contoso', foreignOrg: 'contoso', foreignUser: 'casey@contoso.example' },
  // A client naming rows of its other partnership (which it may see, but not under this slug), and of its MSP.
  { who: 'casey@contoso.example', slug: 'northwind-contoso', org: 'contoso', foreignSlug: 'tailspin-contoso', foreignOrg: 'northwind', foreignUser: 'ava@northwind.example' },
  // A client naming rows of another client's partnership with the same MSP.
  { who: 'fiona@fabrikam.example', slug: 'northwind-fabrikam', org: 'fabrikam', foreignSlug: 'northwind-contoso', foreignOrg: 'tailspin', foreignUser: 'tara@tailspin.example' },
]

type Expect = { status: 404; code: 'NOT_FOUND' } | { status: 400; code: 'BAD_REQUEST'; field: string } | { status: 200; code: null; empty?: true } | { status: 200; code: null; none: true }
const NOT_FOUND: Expect = { status: 404, code: 'NOT_FOUND' }
// History and comments of an id not in the partnership are an empty list, as for an id that does not exist.
const EMPTY: Expect = { status: 200, code: null, empty: true }
// A look-up by an id not in the partnership finds nothing (null), as for an id that does not exist.
const NONE: Expect = { status: 200, code: null, none: true }

interface Reference {
  /** The input, scoped to the caller's own slug/org, naming the rows of `t`. */
  input: (own: { slug: string; org: string; kind: 'MSP' | 'CLIENT' }, t: Target) => unknown
  /** The answer when `t` is another tenant's. */
  foreign: Expect
  /**
   * A permission only one party's roles hold (disputes: the client raises, the MSP answers). A caller whose role
   * lacks it is refused with 403 before any row is looked at, own or foreign; the others are checked as above.
   */
  permission?: Permission
}

const v1 = (slug: string, id: string) => ({ slug, id, baseVersion: 1 })

// One entry per procedure whose input names rows (the completeness test below keeps it so).
const REFERENCES: Record<string, Reference> = {
  'partnership.audit': { input: (o, t) => ({ slug: o.slug, cursor: t.partnershipEvent }), foreign: { status: 200, code: null } },
  'org.audit': { input: (o, t) => ({ org: o.org, cursor: t.orgEvent }), foreign: { status: 200, code: null } },
  'org.revokeInvitation': { input: (o, t) => ({ org: o.org, invitationId: t.invitation }), foreign: NOT_FOUND },
  'org.updateMemberRole': { input: (o, t) => ({ org: o.org, userId: t.member, role: o.kind === 'MSP' ? 'ACCOUNT_MANAGER' : 'CLIENT_EXECUTIVE' }), foreign: NOT_FOUND },
  'org.removeMember': { input: (o, t) => ({ org: o.org, userId: t.member }), foreign: NOT_FOUND },
  'org.removeMemberMfa': { input: (o, t) => ({ org: o.org, userId: t.mfaMember }), foreign: NOT_FOUND, permission: 'member.manage' },
  'sso.verifyDomain': { input: (o, t) => ({ org: o.org, domainId: t.ssoDomain }), foreign: NOT_FOUND, permission: 'sso.manage' },
  'sso.removeDomain': { input: (o, t) => ({ org: o.org, domainId: t.ssoDomain }), foreign: NOT_FOUND, permission: 'sso.manage' },
  'token.revoke': { input: (_o, t) => ({ id: t.token }), foreign: NOT_FOUND },
  'webhook.update': { input: (o, t) => ({ org: o.org, id: t.webhook, baseVersion: 1, enabled: false }), foreign: NOT_FOUND, permission: 'webhook.manage' },
  'webhook.rotateSecret': { input: (o, t) => ({ org: o.org, id: t.webhook }), foreign: NOT_FOUND, permission: 'webhook.manage' },
  'webhook.delete': { input: (o, t) => ({ org: o.org, id: t.webhook }), foreign: NOT_FOUND, permission: 'webhook.manage' },
  'webhook.sendTest': { input: (o, t) => ({ org: o.org, id: t.webhook }), foreign: NOT_FOUND, permission: 'webhook.manage' },
  'webhook.resend': { input: (o, t) => ({ org: o.org, id: t.failedDelivery }), foreign: NOT_FOUND, permission: 'webhook.manage' },
  'webhook.deliveries': { input: (o, t) => ({ org: o.org, endpointId: t.webhook }), foreign: EMPTY, permission: 'webhook.manage' },
  'tickets.list': { input: (o, t) => ({ slug: o.slug, cursor: t.ticketId }), foreign: { status: 200, code: null } },
  'sla.explainTicket': { input: (o, t) => ({ slug: o.slug, externalId: t.onlyTicket }), foreign: NOT_FOUND },
  // A cursor is a place in a list's order (creation instant, external id, source), not a row: one at the other tenant's
  // disputed ticket pages the caller's own breaches after that place.
  'sla.reportList': {
    input: (o, t) => ({ slug: o.slug, quarter: '2026-Q3', list: 'breaches', cursor: encodeCursor({ due: 0, at: Date.parse('2026-07-01T00:00:00Z'), id: t.disputeTicket, source: 'api', order: 0 }) }),
    foreign: { status: 200, code: null },
  },
  'responsibility.get': { input: (o, t) => ({ slug: o.slug, id: t.responsibility }), foreign: NOT_FOUND },
  'responsibility.update': { input: (o, t) => ({ ...v1(o.slug, t.responsibility), changes: { notes: 'changed' } }), foreign: NOT_FOUND },
  'responsibility.delete': { input: (o, t) => v1(o.slug, t.responsibility), foreign: NOT_FOUND },
  'responsibility.restore': { input: (o, t) => v1(o.slug, t.deleted.responsibility), foreign: NOT_FOUND },
  'responsibility.history': { input: (o, t) => ({ slug: o.slug, id: t.responsibility }), foreign: EMPTY },
  'roadmap.get': { input: (o, t) => ({ slug: o.slug, id: t.roadmap }), foreign: NOT_FOUND },
  'roadmap.create': {
    input: (o, t) => ({ slug: o.slug, title: 'Linked', responsibilityIds: [t.responsibility], csiEntryIds: [] }),
    foreign: { status: 400, code: 'BAD_REQUEST', field: 'responsibilityIds' },
  },
  'roadmap.update': { input: (o, t) => ({ ...v1(o.slug, t.roadmap), changes: { category: 'Changed' } }), foreign: NOT_FOUND },
  'roadmap.approve': { input: (o, t) => v1(o.slug, t.roadmap), foreign: NOT_FOUND },
  'roadmap.delete': { input: (o, t) => v1(o.slug, t.roadmap), foreign: NOT_FOUND },
  'roadmap.restore': { input: (o, t) => v1(o.slug, t.deleted.roadmap), foreign: NOT_FOUND },
  'roadmap.history': { input: (o, t) => ({ slug: o.slug, id: t.roadmap }), foreign: EMPTY },
  'roadmap.comments': { input: (o, t) => ({ slug: o.slug, id: t.roadmap }), foreign: EMPTY },
  'roadmap.comment': { input: (o, t) => ({ slug: o.slug, id: t.roadmap, body: 'Hello' }), foreign: NOT_FOUND },
  'csi.get': { input: (o, t) => ({ slug: o.slug, id: t.csi }), foreign: NOT_FOUND },
  'csi.update': { input: (o, t) => ({ ...v1(o.slug, t.csi), changes: { justification: 'changed' } }), foreign: NOT_FOUND },
  'csi.delete': { input: (o, t) => v1(o.slug, t.csi), foreign: NOT_FOUND },
  'csi.restore': { input: (o, t) => v1(o.slug, t.deleted.csi), foreign: NOT_FOUND },
  'csi.history': { input: (o, t) => ({ slug: o.slug, id: t.csi }), foreign: EMPTY },
  'csi.comments': { input: (o, t) => ({ slug: o.slug, id: t.csi }), foreign: EMPTY },
  'csi.comment': { input: (o, t) => ({ slug: o.slug, id: t.csi, body: 'Hello' }), foreign: NOT_FOUND },
  'qbr.update': { input: (o, t) => ({ ...v1(o.slug, t.qbr.id), changes: { location: 'Elsewhere' } }), foreign: NOT_FOUND },
  'qbr.setStatus': { input: (o, t) => ({ ...v1(o.slug, t.qbr.id), status: 'SCHEDULED' }), foreign: NOT_FOUND },
  'qbr.delete': { input: (o, t) => v1(o.slug, t.qbr.id), foreign: NOT_FOUND },
  'qbr.restore': { input: (o, t) => v1(o.slug, t.deletedQbr.id), foreign: NOT_FOUND },
  'qbr.history': { input: (o, t) => ({ slug: o.slug, id: t.qbr.agenda[0], entityType: 'QbrAgendaItem' }), foreign: EMPTY },
  // A link to another tenant's row is refused before the QBR is looked at (400 naming the link).
  'qbr.agenda.add': {
    input: (o, t) => ({ slug: o.slug, qbrId: t.qbr.id, title: 'Linked', linkType: 'ROADMAP_ITEM', linkRef: t.roadmap }),
    foreign: { status: 400, code: 'BAD_REQUEST', field: 'linkRef' },
  },
  'qbr.agenda.update': { input: (o, t) => ({ ...v1(o.slug, t.qbr.agenda[0]), changes: { timeboxMinutes: 30 } }), foreign: NOT_FOUND },
  'qbr.agenda.reorder': { input: (o, t) => ({ ...v1(o.slug, t.qbr.id), order: [t.qbr.agenda[1], t.qbr.agenda[0]] }), foreign: NOT_FOUND },
  'qbr.agenda.delete': { input: (o, t) => v1(o.slug, t.qbr.agenda[0]), foreign: NOT_FOUND },
  'qbr.agenda.restore': { input: (o, t) => v1(o.slug, t.deletedQbr.agendaItem), foreign: NOT_FOUND },
  'qbr.minutes': { input: (o, t) => ({ ...v1(o.slug, t.qbr.agenda[0]), minutes: 'Noted' }), foreign: NOT_FOUND },
  'qbr.decisions.add': { input: (o, t) => ({ slug: o.slug, qbrId: t.qbr.id, text: 'Agreed', agendaItemId: t.qbr.agenda[0] }), foreign: NOT_FOUND },
  'qbr.decisions.update': { input: (o, t) => ({ ...v1(o.slug, t.qbr.decision), changes: { text: 'Changed', agendaItemId: t.qbr.agenda[1] } }), foreign: NOT_FOUND },
  'qbr.decisions.delete': { input: (o, t) => v1(o.slug, t.qbr.decision), foreign: NOT_FOUND },
  'qbr.decisions.restore': { input: (o, t) => v1(o.slug, t.deletedQbr.decision), foreign: NOT_FOUND },
  'qbr.attendees.add': { input: (o, t) => ({ slug: o.slug, qbrId: t.qbr.id, userId: t.member }), foreign: NOT_FOUND },
  'qbr.attendees.remove': { input: (o, t) => ({ slug: o.slug, id: t.qbr.attendee }), foreign: NOT_FOUND },
  'qbr.actionItems.create': {
    input: (o, t) => ({ slug: o.slug, qbrId: t.qbr.id, title: 'Do it', owner: 'Someone', party: 'MSP', ownerUserId: t.member, agendaItemId: t.qbr.agenda[0] }),
    foreign: NOT_FOUND,
  },
  'qbr.actionItems.update': { input: (o, t) => ({ ...v1(o.slug, t.qbr.action), changes: { status: 'DONE', agendaItemId: t.qbr.agenda[0] } }), foreign: NOT_FOUND },
  'qbr.actionItems.delete': { input: (o, t) => v1(o.slug, t.qbr.action), foreign: NOT_FOUND },
  'qbr.actionItems.restore': { input: (o, t) => v1(o.slug, t.deletedQbr.action), foreign: NOT_FOUND },
  'pack.job': { input: (o, t) => ({ slug: o.slug, id: t.packJob }), foreign: NOT_FOUND },
  // Another organization's user is not the MSP's account manager: refused naming the field, as an unknown id.
  'partnership.updateSettings': {
    input: (o, t) => ({ slug: o.slug, baseVersion: 1, qbrCadenceMonths: 6, ownerUserId: t.member, fiscalYearStartMonth: 4 }),
    foreign: { status: 400, code: 'BAD_REQUEST', field: 'ownerUserId' },
    permission: 'partnership.manage',
  },
  'psaTickets.send': { input: (o, t) => ({ slug: o.slug, itemKind: 'ROADMAP_ITEM', itemId: t.sent.item, board: '1' }), foreign: NOT_FOUND, permission: 'psa.send' },
  'psaTickets.closeItem': { input: (o, t) => ({ slug: o.slug, linkId: t.sent.closedLink, baseVersion: 1 }), foreign: NOT_FOUND, permission: 'roadmap.edit' },
  'disputes.list': { input: (o, t) => ({ slug: o.slug, externalId: t.disputeTicket }), foreign: EMPTY },
  'disputes.get': { input: (o, t) => ({ slug: o.slug, id: t.dispute }), foreign: NOT_FOUND },
  'disputes.raise': {
    input: (o, t) => ({ slug: o.slug, externalId: t.disputeTicket, metric: 'response', reason: 'The response was on time by phone.' }),
    foreign: NOT_FOUND,
    permission: 'dispute.raise',
  },
  'disputes.accept': { input: (o, t) => ({ ...v1(o.slug, t.dispute), reason: 'Agreed after checking the log.' }), foreign: NOT_FOUND, permission: 'dispute.answer' },
  'disputes.reject': { input: (o, t) => ({ ...v1(o.slug, t.dispute), answer: 'The timestamps in the PSA stand.' }), foreign: NOT_FOUND, permission: 'dispute.answer' },
  // The standards library is an MSP's own: another MSP's standard is not found under this one's org.
  'standards.get': { input: (o, t) => ({ org: o.org, id: t.standard }), foreign: NOT_FOUND, permission: 'standard.read' },
  'standards.update': { input: (o, t) => ({ org: o.org, id: t.standard, baseVersion: 1, changes: { severity: 'LOW' } }), foreign: NOT_FOUND, permission: 'standard.manage' },
  'standards.setRetired': { input: (o, t) => ({ org: o.org, id: t.standard, baseVersion: 1, retired: true }), foreign: NOT_FOUND, permission: 'standard.manage' },
  'assessments.get': { input: (o, t) => ({ slug: o.slug, id: t.assessment.reviewed }), foreign: NOT_FOUND },
  'assessments.comments': { input: (o, t) => ({ slug: o.slug, id: t.assessment.reviewed }), foreign: NOT_FOUND },
  'assessments.comment': { input: (o, t) => ({ slug: o.slug, id: t.assessment.reviewed, body: 'Hello' }), foreign: NOT_FOUND },
  'assessments.origin': { input: (o, t) => ({ slug: o.slug, kind: 'ROADMAP', id: t.roadmap }), foreign: NONE },
  'assessments.answer': { input: (o, t) => ({ slug: o.slug, answerId: t.assessment.draftAnswer, baseVersion: 1, alignment: 'ALIGNED' }), foreign: NOT_FOUND, permission: 'assessment.answer' },
  'assessments.submit': { input: (o, t) => v1(o.slug, t.assessment.draft), foreign: NOT_FOUND, permission: 'assessment.answer' },
  'assessments.review': { input: (o, t) => v1(o.slug, t.assessment.inReview), foreign: NOT_FOUND, permission: 'assessment.review' },
  'assessments.sendBack': { input: (o, t) => ({ ...v1(o.slug, t.assessment.inReview), note: 'Check the backups again' }), foreign: NOT_FOUND, permission: 'assessment.review' },
  'assessments.convert': { input: (o, t) => ({ slug: o.slug, answerId: t.assessment.finding, baseVersion: 1, into: 'ROADMAP' }), foreign: NOT_FOUND, permission: 'assessment.review' },
}

// Links inside an update are references too: roadmap.update may name responsibility rows and CSI entries.
const LINKS_IN_UPDATE: Reference = {
  input: (o, t) => ({ slug: o.slug, id: t.roadmap, baseVersion: 1, changes: { csiEntryIds: [t.csi] } }),
  foreign: { status: 400, code: 'BAD_REQUEST', field: 'csiEntryIds' },
}

describe('the reference table', () => {
  it('has every procedure whose input names rows, so a new one cannot skip this suite', () => {
    const naming = Object.keys(procedures).filter((path) => inputKeys(path).some(isReference))
    expect(Object.keys(REFERENCES).sort()).toEqual(naming.sort())
    // The walk into the input schemas sees the links inside an update (else the check above proves little).
    expect(inputKeys('roadmap.update')).toEqual(expect.arrayContaining(['id', 'changes.responsibilityIds', 'changes.csiEntryIds']))
  })
})

describe('the footprint', () => {
  it('sees a changed version, an approval, a revoked token and a new count (else the refusals below prove little)', async () => {
    const prisma = await db()
    const before = await footprint()
    const item = await prisma.roadmapItem.findFirstOrThrow({ where: { deletedAt: null } })
    await prisma.qbrActionItem.updateMany({ where: { id: (await prisma.qbrActionItem.findFirstOrThrow()).id }, data: { version: { increment: 1 } } })
    await prisma.roadmapItem.update({ where: { id: item.id }, data: { mspApprovedAt: new Date() } })
    await prisma.apiToken.updateMany({ where: { id: (await prisma.apiToken.findFirstOrThrow()).id }, data: { revokedAt: new Date() } })
    await prisma.slaDisputeEvent.deleteMany({ where: { id: (await prisma.slaDisputeEvent.findFirstOrThrow()).id } })
    const after = await footprint()
    const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]))
    expect(changed.sort()).toEqual(['approvals', 'disputes', 'qbrs', 'tokens'])
  })
})

describe.each(SCENARIOS)('$who naming rows of $foreignSlug and $foreignOrg', (s) => {
  const cases: Array<[string, Reference]> = [...Object.entries(REFERENCES), ['roadmap.update', LINKS_IN_UPDATE]]

  it.each(cases)('%s: refused without writing or showing anything, while the same input on own rows works', async (path, ref) => {
    const user = tenantUser(s.who)
    const own = { slug: s.slug, org: s.org, kind: DEMO_PARTNERSHIPS.some((p) => p.msp === s.org) ? ('MSP' as const) : ('CLIENT' as const) }
    const foreign = await targetIn(s.foreignSlug, s.foreignOrg, s.foreignUser)
    const before = await footprint()
    const result = await call(user, path, ref.input(own, foreign))
    if (ref.permission && !roleCan(partyRole(user, s.slug)!, ref.permission)) {
      expect({ status: result.status, code: result.body.error?.data.code ?? null }).toEqual({ status: 403, code: 'FORBIDDEN' })
      expect(await footprint(), 'a refused call wrote something').toEqual(before)
      expect(leaks(JSON.stringify(result.body), [partnershipMarker(s.foreignSlug), orgMarker(s.foreignOrg), ...forbiddenFor(user)])).toEqual([])
      const mine = await targetIn(s.slug, s.org, s.who)
      expect((await call(user, path, ref.input(own, mine))).status, 'refused on own rows too').toBe(403)
      return
    }
    expect({ status: result.status, code: result.body.error?.data.code ?? null }).toEqual({ status: ref.foreign.status, code: ref.foreign.code })
    if (ref.foreign.status === 400) expect(result.body.error!.data.fieldErrors.map((f) => f.field)).toEqual([ref.foreign.field])
    expect(await footprint(), 'a refused call wrote something').toEqual(before)
    expect(leaks(JSON.stringify(result.body), [partnershipMarker(s.foreignSlug), orgMarker(s.foreignOrg), ...forbiddenFor(user)])).toEqual([])
    if ('empty' in ref.foreign) expect(result.body.result?.data).toEqual([])
    if ('none' in ref.foreign) expect(result.body.result?.data).toBeNull()
    if (ref.foreign.status === 200) {
      // A cursor from elsewhere pages nothing of elsewhere in: the page holds own rows only.
      expect(JSON.stringify(result.body)).not.toContain(foreign.partnershipEvent)
      expect(JSON.stringify(result.body)).not.toContain(foreign.orgEvent)
    }
    if (path === 'token.revoke') expect((await trpc(server.url, { token: data.tokens.get(s.foreignUser)! }, 'query', 'me')).status).toBe(200)

    // The control: the same input aimed at the caller's own rows is answered 200.
    const mine = await targetIn(s.slug, s.org, s.who)
    const control = await call(user, path, ref.input(own, mine))
    expect(control.status, JSON.stringify(control.body.error)).toBe(200)
  })
})

// ---- lists and reads hold exactly the tenant's rows ------------------------------------------------------------

const quarter = () => {
  const now = new Date()
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}

// Every query of a partnership, with a valid input for it (the completeness test keeps the table whole).
const READS: Record<string, { permission: Permission; input: (slug: string) => unknown }> = {
  'partnership.get': { permission: 'partnership.read', input: (slug) => ({ slug }) },
  'partnership.settings': { permission: 'partnership.manage', input: (slug) => ({ slug }) },
  'partnership.audit': { permission: 'audit.read', input: (slug) => ({ slug, limit: 200 }) },
  'tickets.list': { permission: 'ticket.read', input: (slug) => ({ slug, limit: 500 }) },
  'sla.report': { permission: 'sla.read', input: (slug) => ({ slug, quarter: quarter() }) },
  'sla.ticketStats': { permission: 'sla.read', input: (slug) => ({ slug, quarter: quarter() }) },
  'sla.kpis': { permission: 'sla.read', input: (slug) => ({ slug, quarter: quarter() }) },
  'sla.policy': { permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.policyVersions': { permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.priorityMappings': { permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.sourcePriorities': { permission: 'sla.read', input: (slug) => ({ slug }) },
  'sla.explainTicket': { permission: 'ticket.read', input: (slug) => ({ slug, externalId: 'T-1' }) },
  'sla.atRisk': { permission: 'sla.read', input: (slug) => ({ slug, asOf: AT_RISK_AS_OF }) },
  // The quarter of each partnership's disputed ticket, breached in July 2026: the breach list holds that marked row.
  'sla.reportList': { permission: 'sla.read', input: (slug) => ({ slug, quarter: '2026-Q3', list: 'breaches' }) },
  'responsibility.list': { permission: 'workspace.read', input: (slug) => ({ slug, includeDeleted: true }) },
  'responsibility.get': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].responsibility }) },
  'responsibility.matrix': { permission: 'workspace.read', input: (slug) => ({ slug }) },
  'responsibility.changesSince': { permission: 'workspace.read', input: (slug) => ({ slug, since: '2000-01-01T00:00:00Z' }) },
  'responsibility.history': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].responsibility }) },
  'roadmap.list': { permission: 'workspace.read', input: (slug) => ({ slug, includeDeleted: true }) },
  'roadmap.get': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].roadmap }) },
  'roadmap.history': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].roadmap }) },
  'roadmap.comments': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].roadmap }) },
  'roadmap.budget': { permission: 'workspace.read', input: (slug) => ({ slug }) },
  'assets.list': { permission: 'asset.read', input: (slug) => ({ slug }) },
  'assets.forecast': { permission: 'asset.read', input: (slug) => ({ slug }) },
  'psaTickets.list': { permission: 'workspace.read', input: (slug) => ({ slug }) },
  'csi.stages': { permission: 'workspace.read', input: (slug) => ({ slug }) },
  'csi.list': { permission: 'workspace.read', input: (slug) => ({ slug, includeDeleted: true }) },
  'csi.get': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].csi }) },
  'csi.history': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].csi }) },
  'csi.comments': { permission: 'workspace.read', input: (slug) => ({ slug, id: data.partnerships[slug].csi }) },
  'qbr.list': { permission: 'qbr.read', input: (slug) => ({ slug }) },
  'qbr.get': { permission: 'qbr.read', input: (slug) => ({ slug, quarter: data.partnerships[slug].qbrQuarter }) },
  'qbr.history': { permission: 'qbr.read', input: (slug) => ({ slug, id: data.partnerships[slug].qbr, entityType: 'Qbr' }) },
  'qbr.actionItems.list': { permission: 'qbr.read', input: (slug) => ({ slug, open: false }) },
  'connector.status': { permission: 'connector.read', input: (slug) => ({ slug }) },
  'connector.runs': { permission: 'connector.read', input: (slug) => ({ slug }) },
  'pack.list': { permission: 'pack.read', input: (slug) => ({ slug }) },
  'pack.snapshot': { permission: 'pack.read', input: (slug) => ({ slug, quarter: data.partnerships[slug].packQuarter, version: 1 }) },
  'pack.job': { permission: 'pack.read', input: (slug) => ({ slug, id: data.partnerships[slug].packJob }) },
  'narrative.get': { permission: 'pack.read', input: (slug) => ({ slug, quarter: data.partnerships[slug].qbrQuarter }) },
  'disputes.list': { permission: 'sla.read', input: (slug) => ({ slug }) },
  'acknowledgement.list': { permission: 'pack.read', input: (slug) => ({ slug, quarter: data.partnerships[slug].qbrQuarter }) },
  'disputes.get': { permission: 'sla.read', input: (slug) => ({ slug, id: data.partnerships[slug].dispute }) },
  'assessments.list': { permission: 'assessment.read', input: (slug) => ({ slug }) },
  'assessments.trend': { permission: 'assessment.read', input: (slug) => ({ slug }) },
  'assessments.get': { permission: 'assessment.read', input: (slug) => ({ slug, id: data.partnerships[slug].assessment }) },
  'assessments.comments': { permission: 'assessment.read', input: (slug) => ({ slug, id: data.partnerships[slug].assessment }) },
  'assessments.origin': { permission: 'workspace.read', input: (slug) => ({ slug, kind: 'ROADMAP', id: data.partnerships[slug].roadmap }) },
}

/** Reads of figures and settings rather than of marked rows. */
const AGGREGATES = ['partnership.get', 'partnership.settings', 'sla.report', 'sla.ticketStats', 'sla.kpis', 'sla.policy', 'sla.policyVersions', 'sla.priorityMappings', 'sla.sourcePriorities', 'csi.stages', 'roadmap.budget', 'assets.forecast']

/** The partnerships whose rows a read may hold: its own, or for a client's matrix, all of the client's. */
function allowedIn(path: string, user: TenantUser, slug: string): string[] {
  const p = DEMO_PARTNERSHIPS.find((x) => x.slug === slug)!
  if (path === 'responsibility.matrix' && user.org === p.client) return DEMO_PARTNERSHIPS.filter((x) => x.client === p.client).map((x) => x.slug)
  return [slug]
}

const ok = <T>(r: TrpcResult) => {
  if (r.status !== 200) throw new Error(`${r.status}: ${JSON.stringify(r.body.error)}`)
  return r.body.result!.data as T
}

describe('reads of a partnership', () => {
  it('cover every query of a partnership', () => {
    const scoped = Object.keys(procedures).filter((path) => procedures[path]._def.type === 'query' && inputKeys(path).includes('slug'))
    expect(Object.keys(READS).sort()).toEqual(scoped.sort())
  })

  it.each(TENANT_USERS.map((u) => [u.email, u] as const))('hold only that partnership’s rows, as %s', async (_email, user) => {
    const found: string[] = []
    const wanted: string[] = []
    const leaked: string[] = []
    for (const slug of visiblePartnerships(user)) {
      for (const [path, read] of Object.entries(READS)) {
        const result = await call(user, path, read.input(slug))
        const role = partyRole(user, slug)!
        expect(result.status, `${path} ${slug}`).toBe(roleCan(role, read.permission) ? 200 : 403)
        if (result.status !== 200) continue
        const body = JSON.stringify(result.body)
        const allowed = allowedIn(path, user, slug)
        const others = DEMO_PARTNERSHIPS.map((p) => p.slug).filter((x) => !allowed.includes(x)).map(partnershipMarker)
        for (const s of leaks(body, [...others, ...forbiddenFor(user)])) leaked.push(`${path} ${slug}: "${s}"`)
        // Reads that show rows show this partnership's marked rows (so the check above is not vacuous).
        if (!AGGREGATES.includes(path)) {
          found.push(`${path} ${slug}: ${leaks(body, allowed.map(partnershipMarker)).sort().join(' ')}`)
          wanted.push(`${path} ${slug}: ${allowed.map(partnershipMarker).sort().join(' ')}`)
        }
      }
    }
    expect(leaked).toEqual([])
    expect(found).toEqual(wanted)
  })

  it('partnership.audit holds exactly the partnership’s events, for each party allowed to read it', async () => {
    const prisma = await db()
    for (const user of TENANT_USERS) {
      for (const slug of visiblePartnerships(user)) {
        const result = await call(user, 'partnership.audit', { slug, limit: 200 })
        if (!roleCan(partyRole(user, slug)!, 'audit.read')) {
          expect(result.body.error?.data.code).toBe('FORBIDDEN')
          continue
        }
        const ids = ok<{ events: Array<{ id: string }> }>(result).events.map((e) => e.id).sort()
        const own = (await prisma.auditEvent.findMany({ where: { partnershipId: data.partnerships[slug].id }, select: { id: true } })).map((e) => e.id).sort()
        expect(ids, `${user.email} ${slug}`).toEqual(own)
      }
    }
  })
})

describe('lists of an organization and of a user', () => {
  it('org.members, its invitations and org.audit hold exactly the caller’s organization’s rows', async () => {
    const prisma = await db()
    for (const user of TENANT_USERS) {
      const orgId = data.orgs[user.org].id
      const members = ok<{ members: Array<{ userId: string }>; invitations: Array<{ id: string }> }>(await call(user, 'org.members', { org: user.org }))
      const memberships = await prisma.membership.findMany({ where: { organizationId: orgId }, select: { userId: true } })
      expect(members.members.map((m) => m.userId).sort(), user.email).toEqual(memberships.map((m) => m.userId).sort())
      const invitations = roleCan(user.role, 'member.invite') ? await prisma.invitation.findMany({ where: { organizationId: orgId }, select: { id: true } }) : []
      expect(members.invitations.map((i) => i.id).sort(), user.email).toEqual(invitations.map((i) => i.id).sort())

      const audit = await call(user, 'org.audit', { org: user.org, limit: 200 })
      if (!roleCan(user.role, 'audit.read')) {
        expect(audit.body.error?.data.code, user.email).toBe('FORBIDDEN')
        continue
      }
      const events = await prisma.auditEvent.findMany({ where: { organizationId: orgId, partnershipId: null }, select: { id: true } })
      expect(ok<{ events: Array<{ id: string }> }>(audit).events.map((e) => e.id).sort(), user.email).toEqual(events.map((e) => e.id).sort())
      expect(leaks(JSON.stringify(audit.body), forbiddenFor(user)), user.email).toEqual([])

      for (const org of Object.keys(data.orgs).filter((o) => !orgRole(user, o))) {
        for (const path of ['org.members', 'org.audit']) {
          const refused = await call(user, path, { org })
          expect(refused.body.error?.data.code, `${user.email} ${path} ${org}`).toBe('NOT_FOUND')
          expect(leaks(JSON.stringify(refused.body), [orgMarker(org)])).toEqual([])
        }
      }
    }
  })

  it('partnership.list and token.list hold exactly the caller’s own', async () => {
    const prisma = await db()
    for (const user of TENANT_USERS) {
      const partnerships = ok<Array<{ slug: string }>>(await call(user, 'partnership.list', undefined))
      expect(partnerships.map((p) => p.slug).sort(), user.email).toEqual(visiblePartnerships(user).sort())
      const tokens = ok<Array<{ id: string }>>(await call(user, 'token.list', undefined))
      const own = await prisma.apiToken.findMany({ where: { user: { email: user.email } }, select: { id: true } })
      expect(tokens.map((t) => t.id).sort(), user.email).toEqual(own.map((t) => t.id).sort())
      expect(own.length).toBeGreaterThan(0)
    }
  })
})
