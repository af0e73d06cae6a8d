// Demo data a client's CIO believes (issue 12 §5): each partnership names only people of its own two
// organizations, its QBR sends one first invitation per attendee worded as an invitation, and "partners since"
// reaches back to the first ticket.
import { describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_PARTNERSHIPS, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { getPartnership } from '../../server/partnerships/get-partnership.server.ts'

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
})
