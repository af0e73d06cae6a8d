// Demo data a client's CIO believes (issue 12 §5): each partnership names only people of its own two
// organizations, its QBR sends one first invitation per attendee worded as an invitation, and "partners since"
// reaches back to the first ticket.
import { describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_PARTNERSHIPS, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { getPartnership } from '../../server/partnerships/get-partnership.server.ts'
import { quarterIndex, quarterName } from '../../server/roadmap/budget.ts'
import { currentQuarter } from '../../server/roadmap/roadmap-budget.server.ts'

// The two partnerships of the demo that are not the first: content copied from northwind-contoso leaked its people.
const CHECKED = ['tailspin-contoso', 'northwind-fabrikam'] as const
/** Labels that name no person: the seed itself, and a decision taken jointly. */
const NOT_PEOPLE = new Set(['demo seed', 'Both parties'])
/** "Ava Northcott <ava@northwind.example>" → "Ava Northcott". */
const nameOf = (label: string) => label.replace(/\s*<[^>]*>$/, '').trim()

describe('the demo seed', () => {
  // One seed per partnership (the database is reset before each test): both checks read the same seed.
  it.each(CHECKED)('%s: names only people of its two organizations; its QBR sends one first invitation per attendee', async (slug) => {
    await seedDemo({ only: [slug] })
    const prisma = await db()
    const partnership = DEMO_PARTNERSHIPS.find((p) => p.slug === slug)!
    const allowed = new Set(DEMO_USERS.filter((u) => u.org === partnership.msp || u.org === partnership.client).map((u) => u.name))
    const scope = await unsafeOperatorScope(slug)
    const where = { partnershipId: scope.id }
    const [roadmap, csi, responsibilities, agenda, decisions, actions, attendees, audit, history] = await Promise.all([
      prisma.roadmapItem.findMany({ where, select: { mspOwner: true, clientOwner: true, mspApprovedBy: true, clientApprovedBy: true } }),
      prisma.csiEntry.findMany({ where, select: { owner: true } }),
      prisma.responsibilityFunction.findMany({ where, select: { mspOwner: true, clientOwner: true } }),
      prisma.qbrAgendaItem.findMany({ where, select: { presenter: true } }),
      prisma.qbrDecision.findMany({ where, select: { decidedBy: true } }),
      prisma.qbrActionItem.findMany({ where, select: { owner: true } }),
      prisma.qbrAttendee.findMany({ where, select: { name: true } }),
      prisma.auditEvent.findMany({ where, select: { actorLabel: true } }),
      prisma.fieldChange.findMany({ where, select: { actorLabel: true } }),
    ])
    const named = [
      ...roadmap.flatMap((r) => [r.mspOwner, r.clientOwner, r.mspApprovedBy, r.clientApprovedBy]),
      ...csi.map((c) => c.owner),
      ...responsibilities.flatMap((r) => [r.mspOwner, r.clientOwner]),
      ...agenda.map((a) => a.presenter),
      ...decisions.map((d) => d.decidedBy),
      ...actions.map((a) => a.owner),
      ...attendees.map((a) => a.name),
      ...audit.map((a) => a.actorLabel),
      ...history.map((h) => h.actorLabel),
    ]
      .filter((x): x is string => !!x)
      .map(nameOf)
      .filter((n) => !NOT_PEOPLE.has(n))
    // The checks must have something to check: owners, approvals and attendees are all seeded.
    expect(csi.length).toBeGreaterThan(0)
    expect(actions.length).toBeGreaterThan(0)
    expect(named.length).toBeGreaterThan(10)
    expect([...new Set(named.filter((n) => !allowed.has(n)))]).toEqual([])

    const qbrs = await prisma.qbr.findMany({ where: { partnershipId: scope.id }, select: { status: true, icsSequence: true, attendees: { select: { email: true } } } })
    const upcoming = qbrs.find((q) => q.status === 'SCHEDULED')!
    expect(upcoming.icsSequence).toBe(0)
    const mail = await prisma.outboxMessage.findMany({ where: { partnershipId: scope.id, kind: 'QBR_INVITATION' }, select: { to: true, subject: true } })
    expect(mail.map((m) => m.to).sort()).toEqual(upcoming.attendees.map((a) => a.email).sort())
    for (const m of mail) expect(m.subject).toMatch(/^Invitation: /)
  })

  it('dates the partnership from its first ticket when that is earlier than its creation, else from its creation', async () => {
    await seedDemo({ only: ['tailspin-contoso'] })
    const prisma = await db()
    const withTickets = await unsafeOperatorScope('tailspin-contoso')
    const first = await prisma.ticket.findFirstOrThrow({ where: { partnershipId: withTickets.id }, orderBy: { createdAt: 'asc' }, select: { createdAt: true } })
    const detail = await getPartnership(withTickets)
    expect(first.createdAt.getTime()).toBeLessThan(new Date(detail.createdAt).getTime())
    expect(detail.since).toBe(first.createdAt.toISOString())

    // northwind-contoso was seeded without activity: no tickets, so its creation.
    const noTickets = await getPartnership(await unsafeOperatorScope('northwind-contoso'))
    expect(noTickets.since).toBe(noTickets.createdAt)
  })

  it('has a past: last quarter’s pack shows a matrix, roadmap, CSI register and held QBR, and this quarter’s shows what changed since', async () => {
    // A smaller partnership of the demo: its history is the shorter one.
    const slug = 'tailspin-contoso'
    await seedDemo({ only: [slug] })
    const scope = await unsafeOperatorScope(slug)
    const now = new Date()
    const current = currentQuarter(now)
    const previous = quarterName(quarterIndex(current) - 1)
    // Last quarter's pack as of its last millisecond, as a pack generated on the last day would be.
    const [y, q] = current.split('-Q').map(Number)
    const lastQuarterEnd = new Date(Date.UTC(y, (q - 1) * 3, 1) - 1)
    const past = await buildPackSnapshot(scope, { slug, quarter: previous, asOf: lastQuarterEnd.toISOString() })
    const present = await buildPackSnapshot(scope, { slug, quarter: current }, { now })

    for (const pack of [past, present]) {
      expect(pack.responsibilities.rows.length).toBeGreaterThan(20)
      expect(pack.responsibilities.rows.filter((r) => r.mspOwner && r.clientOwner).length).toBeGreaterThan(3)
      expect(pack.roadmap.items.length).toBeGreaterThan(3)
      expect(pack.csi.length).toBeGreaterThan(4)
      expect(pack.qbr?.attendees.length).toBeGreaterThan(1)
      expect(pack.changes.lines.length).toBeGreaterThan(0)
    }
    // Last quarter's QBR was held with minutes and left action items; this quarter's reviews the open ones.
    expect(past.qbr!.agenda.some((a) => a.notes.length > 0)).toBe(true)
    expect(present.changes.lastQbr?.quarter).toBe(previous)
    expect(present.qbr!.previousActionItems.length).toBeGreaterThan(0)
    // Work moved on between the two packs: the roadmap and register differ, and this quarter proposed an item.
    const statuses = (pack: typeof past) => pack.roadmap.items.map((i) => `${i.title}: ${i.status}`).sort()
    expect(statuses(present)).not.toEqual(statuses(past))
    expect(present.csi.map((c) => `${c.opportunity}: ${c.stage} ${c.status}`)).not.toEqual(past.csi.map((c) => `${c.opportunity}: ${c.stage} ${c.status}`))
    expect(present.roadmap.items.map((i) => i.title)).toContain('Network segmentation of OT')
    expect(past.roadmap.items.map((i) => i.title)).not.toContain('Network segmentation of OT')
  })
})
