import { randomUUID } from 'node:crypto'
import type { Role } from '../../server/access/permissions.ts'
import { hashPassword } from '../../server/auth/password.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_ORGS, DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { PACK_JOB } from '../../server/pack/pack-job.server.ts'
import { hashToken } from '../../server/tokens/token-format.ts'

// Data in every tenant for the cross-tenant suites: each row carries a marker naming its tenant, so that a page
// or a list showing another tenant's row is caught by text, whichever query leaked it. Written straight to the
// database (not through the API under test). Who may see which marker is worked out from the demo data alone.

export interface TenantUser {
  email: string
  name: string
  org: string
  role: Role
}

/** Viewers, so that the 403 branches (a party whose role lacks the permission) are reached too. */
export const EXTRA_VIEWERS: readonly TenantUser[] = [
  { email: 'vic@northwind.example', name: 'Vic Viewer', org: 'northwind', role: 'VIEWER' },
  { email: 'val@contoso.example', name: 'Val Viewer', org: 'contoso', role: 'VIEWER' },
]
export const TENANT_USERS: readonly TenantUser[] = [...DEMO_USERS, ...EXTRA_VIEWERS]

export const partnershipMarker = (slug: string) => `Marker-p-${slug}`
export const orgMarker = (org: string) => `Marker-org-${org}`
export const tokenMarker = (email: string) => `Marker-token-${email.split('@')[0]}`

export function partyRole(user: TenantUser, slug: string): Role | null {
  const p = DEMO_PARTNERSHIPS.find((x) => x.slug === slug)!
  return user.org === p.msp || user.org === p.client ? user.role : null
}

export function orgRole(user: TenantUser, org: string): Role | null {
  return user.org === org ? user.role : null
}

export function visiblePartnerships(user: TenantUser): string[] {
  return DEMO_PARTNERSHIPS.filter((p) => partyRole(user, p.slug)).map((p) => p.slug)
}

/** Own organization and the other party of each of its partnerships. */
export function visibleOrgs(user: TenantUser): Set<string> {
  return new Set([user.org, ...DEMO_PARTNERSHIPS.filter((p) => partyRole(user, p.slug)).flatMap((p) => [p.msp, p.client])])
}

/** Text that must never appear in anything the user is shown. */
export function forbiddenFor(user: TenantUser): string[] {
  const orgs = visibleOrgs(user)
  const hiddenOrgs = DEMO_ORGS.filter((o) => !orgs.has(o.slug))
  return [
    ...hiddenOrgs.map((o) => o.name),
    ...TENANT_USERS.filter((u) => !orgs.has(u.org)).flatMap((u) => [u.name, u.email]),
    ...DEMO_PARTNERSHIPS.filter((p) => !partyRole(user, p.slug)).map((p) => partnershipMarker(p.slug)),
    // An organization's own records (its audit log, invitations) are for its members only, not its partners.
    ...DEMO_ORGS.filter((o) => o.slug !== user.org).map((o) => orgMarker(o.slug)),
    ...TENANT_USERS.filter((u) => u.email !== user.email).map((u) => tokenMarker(u.email)),
  ]
}

export interface PartnershipRows {
  id: string
  roadmap: string
  responsibility: string
  csi: string
  /** A ticket with an external id found in this partnership only (every partnership also has `T-1`). */
  onlyTicket: string
  /** This partnership's QBR (with marked agenda, minutes, decision, attendee, action item and history). */
  qbr: string
  qbrQuarter: string
  /** The quarter of the frozen QBR pack (version 1) drawn from these rows. */
  packQuarter: string
  /** The (succeeded) generation job of that pack. */
  packJob: string
  /** A ticket whose response was breached and resolution met (July 2026), and an open dispute of its resolution. */
  disputeTicket: string
  dispute: string
  /** A reviewed assessment with a marked finding (turned into `roadmap`) and a marked comment. */
  assessment: string
}

/** An as-of at which each partnership's AT-RISK ticket is at risk (and no other ticket is open). */
export const AT_RISK_AS_OF = '2026-07-14T12:25:00.000Z'

export interface TenantData {
  partnerships: Record<string, PartnershipRows>
  /** `standard`: a marked standard of an MSP's library (an unknown id for a client organization). */
  orgs: Record<string, { id: string; invitation: string; standard: string }>
  /** An API token per user (by email). */
  tokens: Map<string, string>
}

let viewerHash: Promise<string> | undefined

/** Call after seedDemo(): adds the viewers, and marked rows in every partnership and organization. */
export async function seedTenantData(): Promise<TenantData> {
  const prisma = await db()
  viewerHash ??= hashPassword(DEMO_PASSWORD)
  const passwordHash = await viewerHash
  const orgIds = new Map((await prisma.organization.findMany({ select: { id: true, slug: true } })).map((o) => [o.slug, o.id]))
  for (const v of EXTRA_VIEWERS) {
    const user = await prisma.user.create({ data: { email: v.email, name: v.name, passwordHash } })
    await prisma.membership.create({ data: { organizationId: orgIds.get(v.org)!, userId: user.id, role: v.role } })
  }

  const partnerships: Record<string, PartnershipRows> = {}
  for (const p of DEMO_PARTNERSHIPS) {
    const marker = partnershipMarker(p.slug)
    const id = (await prisma.partnership.findUniqueOrThrow({ where: { slug: p.slug } })).id
    await prisma.slaPolicy.create({ data: { partnershipId: id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
    const onlyTicket = `ONLY-${p.slug}`
    for (const externalId of ['T-1', onlyTicket]) {
      await prisma.ticket.create({
        data: {
          partnershipId: id,
          source: 'api',
          externalId,
          title: `${marker} ticket`,
          priority: 'P2',
          status: 'Open',
          queue: `${marker} queue`,
          assignee: `${marker} assignee`,
          createdAt: new Date(Date.now() - 3_600_000),
          pauses: [],
          contentHash: randomUUID(),
        },
      })
    }
    const roadmap = await prisma.roadmapItem.create({
      data: { partnershipId: id, title: `${marker} roadmap`, description: `${marker} description`, proposedBy: 'MSP', status: 'PROPOSED', category: 'Security' },
    })
    const responsibility = await prisma.responsibilityFunction.create({
      data: { partnershipId: id, category: `${marker} category`, name: `${marker} function`, classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' },
    })
    const csi = await prisma.csiEntry.create({ data: { partnershipId: id, opportunity: `${marker} opportunity`, size: 'SMALL', stage: 'PLAN' } })
    const entities = [
      ['RoadmapItem', roadmap.id],
      ['ResponsibilityFunction', responsibility.id],
      ['CsiEntry', csi.id],
    ] as const
    for (const [entityType, entityId] of entities) {
      await prisma.comment.create({ data: { partnershipId: id, entityType, entityId, authorLabel: `${marker} author`, authorParty: 'MSP', body: `${marker} comment`, mentions: [] } })
      await prisma.fieldChange.create({ data: { partnershipId: id, entityType, entityId, version: 1, field: 'notes', after: `${marker} history`, actorLabel: `${marker} editor` } })
    }
    // A PSA connection and a failed sync run, marked (the credentials are never read on these paths).
    const connection = await prisma.psaConnection.create({
      data: { partnershipId: id, kind: 'connectwise', credentials: 'v1.x.x.x', credentialHint: `${marker} credentials`, companyIds: ['250'], settings: { writeBack: { enabled: true, boards: ['1:Service Desk'] } } },
    })
    // A marked asset and a marked write-back ticket (issue 16): the assets and PSA-ticket lists must hold them.
    await prisma.asset.create({ data: { partnershipId: id, source: 'csv', externalId: `${marker}-A1`, name: `${marker} laptop`, type: 'Laptop', warrantyEnd: new Date('2027-03-31T00:00:00Z'), contentHash: 'x' } })
    await prisma.psaTicketLink.create({ data: { partnershipId: id, itemKind: 'ROADMAP_ITEM', itemId: roadmap.id, kind: 'connectwise', idempotencyKey: randomUUID(), state: 'SENT', boardOrQueue: '1:Service Desk', ticketNumber: '1', sentBy: `${marker} sender` } })
    await prisma.syncRun.create({ data: { partnershipId: id, connectionId: connection.id, trigger: 'manual', status: 'failed', errorCode: 'AUTH', error: `${marker} sync error`, skippedReasons: [{ externalId: '1', reason: `${marker} skipped` }] } })
    await prisma.auditEvent.create({
      data: { partnershipId: id, actorLabel: `${marker} actor`, action: 'roadmapItem.create', entityType: 'RoadmapItem', entityId: roadmap.id, changes: { title: { before: null, after: marker } } },
    })
    const qbrQuarter = '2026-Q3'
    const qbr = await prisma.qbr.create({ data: { partnershipId: id, quarter: qbrQuarter, title: `${marker} QBR`, icsUid: `${randomUUID()}@test`, location: `${marker} room` } })
    const agendaItem = await prisma.qbrAgendaItem.create({ data: { partnershipId: id, qbrId: qbr.id, title: `${marker} agenda`, minutes: `${marker} minutes` } })
    await prisma.qbr.update({ where: { id: qbr.id }, data: { agendaOrder: [agendaItem.id] } })
    await prisma.qbrDecision.create({ data: { partnershipId: id, qbrId: qbr.id, text: `${marker} decision` } })
    await prisma.qbrAttendee.create({ data: { partnershipId: id, qbrId: qbr.id, email: `guest@${p.slug}.example`, name: `${marker} guest`, party: 'CLIENT' } })
    await prisma.qbrActionItem.create({ data: { partnershipId: id, qbrId: qbr.id, title: `${marker} action`, owner: `${marker} owner`, party: 'MSP' } })
    await prisma.fieldChange.create({ data: { partnershipId: id, entityType: 'Qbr', entityId: qbr.id, version: 1, field: 'title', after: `${marker} QBR`, actorLabel: `${marker} editor` } })
    // The quarter's pack narrative (ADR 029), marked in its summary, a note and its editor.
    await prisma.packNarrative.create({ data: { partnershipId: id, quarter: qbrQuarter, summary: `${marker} summary`, notes: { sla: `${marker} note` }, updatedByLabel: `${marker} editor` } })
    // A reviewed standards assessment with a marked finding (the pack below shows it too).
    const assessment = await prisma.assessment.create({ data: { partnershipId: id, title: `${marker} assessment`, status: 'REVIEWED', createdByLabel: 'test', reviewedAt: new Date(Date.now() - 60_000), reviewedByLabel: 'test' } })
    // Its finding was turned into the marked roadmap item (`assessments.origin` of that item shows it), and carries
    // a marked comment (`assessments.comments`).
    await prisma.assessmentAnswer.create({
      data: {
        partnershipId: id,
        assessmentId: assessment.id,
        standardId: randomUUID(),
        standardVersion: 1,
        category: 'Identity',
        question: `${marker} standard`,
        severity: 'HIGH',
        alignment: 'MISALIGNED',
        evidence: `${marker} evidence`,
        sortOrder: 0,
        roadmapItemId: roadmap.id,
      },
    })
    await prisma.comment.create({ data: { partnershipId: id, entityType: 'Assessment', entityId: assessment.id, authorLabel: `${marker} author`, authorParty: 'MSP', body: `${marker} assessment comment`, mentions: [] } })
    // A frozen pack drawn from the marked rows: its pages show them, so a leak through a pack is caught too.
    const packQuarter = `${new Date().getUTCFullYear()}-Q${Math.floor(new Date().getUTCMonth() / 3) + 1}`
    const pack = await generatePack(await unsafeOperatorScope(p.slug), { userId: null, label: `${marker} generator` }, { slug: p.slug, quarter: packQuarter })
    // Its generation job as the runner leaves it: `pack.job` and the packs page show the marked version.
    const requester = await prisma.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.org === p.msp)!.email } })
    const packJob = await prisma.job.create({
      data: {
        kind: PACK_JOB,
        partnershipId: id,
        status: 'succeeded',
        payload: { quarter: packQuarter, asOf: pack.asOf, requestedBy: requester.id },
        progress: { stage: 'store', done: 1, total: 1 },
        result: pack,
        finishedAt: new Date(),
      },
    })
    const disputed = await disputedTicket(id, marker, `DISPUTED-${p.slug}`)
    // Open P1 (24×7, 30-minute response): at AT_RISK_AS_OF it has used 25 minutes of its response budget, so it is
    // at risk then whatever the day and hour the suite runs (the tickets above are dated by the clock).
    await prisma.ticket.create({
      data: { partnershipId: id, source: 'api', externalId: `AT-RISK-${p.slug}`, title: `${marker} at-risk ticket`, priority: 'P1', status: 'Open', createdAt: new Date('2026-07-14T12:00:00Z'), pauses: [], contentHash: randomUUID() },
    })
    partnerships[p.slug] = { id, roadmap: roadmap.id, responsibility: responsibility.id, csi: csi.id, onlyTicket, qbr: qbr.id, qbrQuarter, packQuarter, packJob: packJob.id, disputeTicket: disputed.externalId, dispute: disputed.dispute, assessment: assessment.id }
  }

  const orgs: TenantData['orgs'] = {}
  for (const o of DEMO_ORGS) {
    const id = orgIds.get(o.slug)!
    const marker = orgMarker(o.slug)
    const invitation = await prisma.invitation.create({
      data: { organizationId: id, email: `${marker.toLowerCase()}@invitee.example`, role: 'VIEWER', tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
    })
    await prisma.auditEvent.create({
      data: { organizationId: id, actorLabel: `${marker} actor`, action: 'invitation.create', entityType: 'Invitation', entityId: invitation.id, changes: { email: { before: null, after: marker } } },
    })
    // The invitation's mail in the development outbox: for this organization's admins only.
    await prisma.outboxMessage.create({
      data: { kind: 'INVITATION', to: invitation.email, subject: `${marker} invitation`, text: `${marker} text`, html: `<p>${marker} html</p>`, status: 'OUTBOX', organizationId: id },
    })
    const standard = o.kind === 'MSP' ? (await prisma.standard.create({ data: { organizationId: id, category: 'Identity', question: `${marker} standard` } })).id : randomUUID()
    orgs[o.slug] = { id, invitation: invitation.id, standard }
  }

  const tokens = new Map<string, string>()
  for (const u of TENANT_USERS) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: u.email } })
    const token = `acc_test_${randomUUID()}`
    await prisma.apiToken.create({ data: { userId: user.id, name: tokenMarker(u.email), prefix: token.slice(0, 12), tokenHash: hashToken(token) } })
    tokens.set(u.email, token)
  }
  return { partnerships, orgs, tokens }
}

/**
 * A marked ticket of a partnership with decided verdicts (response breached, resolution met, in July 2026) and an
 * open, marked dispute of its resolution verdict: its response verdict is still free to be disputed.
 */
export async function disputedTicket(partnershipId: string, marker: string, externalId = `DISPUTED-${randomUUID().slice(0, 8)}`) {
  const prisma = await db()
  const ticket = await prisma.ticket.create({
    data: {
      partnershipId,
      source: 'api',
      externalId,
      title: `${marker} disputed ticket`,
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
    data: {
      partnershipId,
      ticketId: ticket.id,
      metric: 'resolution',
      liveKey: `${ticket.id}:resolution`,
      computedVerdict: 'met',
      decidedAt: ticket.resolvedAt!,
      elapsedMinutes: 180,
      targetMinutes: 480,
      reason: `${marker} dispute reason`,
      raisedByLabel: `${marker} raiser`,
      events: { create: { partnershipId, kind: 'RAISED', party: 'CLIENT', actorLabel: `${marker} raiser`, body: `${marker} dispute reason`, version: 1 } },
    },
  })
  return { externalId, dispute: dispute.id }
}

/** The entries of `forbidden` found in a response body, in any letter case (React's `<!-- -->` separators removed). */
export function leaks(body: string, forbidden: readonly string[]): string[] {
  const text = body.replaceAll('<!-- -->', '').toLowerCase()
  return forbidden.filter((s) => text.includes(s.toLowerCase()))
}
