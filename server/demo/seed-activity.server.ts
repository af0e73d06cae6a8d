import { unsafeOperatorScope } from '../access/policy.server.ts'
import { seedDemoAssets } from './seed-assets.server.ts'
import { db } from '../db/client.server.ts'
import { DEMO_POLICY } from '../sla/policy.ts'
import { setSlaPolicy } from '../sla/sla-policies.server.ts'
import { type NormalisedTicket, contentHash, kpiFields } from '../tickets/normalize-ticket.ts'
import { upsertTicketBatch } from '../tickets/upsert-tickets.server.ts'
import { DEMO_PARTNERSHIPS } from './demo-data.ts'
import { DemoHistory } from './demo-history.server.ts'
import { demoPeople } from './demo-people.server.ts'
import { demoTimeline } from './demo-timeline.ts'
import { generateDemoTickets, prng } from './demo-tickets.ts'
import { seedDemoAssessments } from './seed-assessments.server.ts'
import { seedDemoQbrs } from './seed-qbrs.server.ts'
import { seedWorkspaceHistory } from './seed-workspace.server.ts'

const DAY = 86_400_000
const DEMO_HEADCOUNT: Record<string, number> = { contoso: 420, fabrikam: 160 }

/**
 * The service KPI fields a PSA or CSV would give (ADR 024): a quarter of the tickets are monitoring alerts and a
 * tenth planned maintenance, about half of the resolved ones fixed at first contact, one in twenty reopened.
 */
function withDemoKpiFields(rand: () => number) {
  return (t: NormalisedTicket): NormalisedTicket => {
    const r = rand()
    const origin = r < 0.25 ? 'alert' : r < 0.35 ? 'maintenance' : 'request'
    const resolved = t.resolvedAt !== null
    const fields = kpiFields({ origin, firstContact: resolved ? rand() < (t.priority === 'P4' || t.priority === 'P3' ? 0.6 : 0.3) : null, reopens: resolved && rand() < 0.05 ? 1 : 0 })
    const { contentHash: _, ...rest } = { ...t, ...fields }
    return { ...rest, contentHash: contentHash(rest) }
  }
}

const ASSIGNEES: Record<string, string[]> = {
  northwind: ['Priya Shah', 'Marco Rossi', 'Jen Okafor', 'Tom Becker', 'Lena Fischer', 'Dev Patel'],
  tailspin: ['Ravi Menon', 'Kate Doyle', 'Hugo Martin', 'Aisha Khan'],
}

/**
 * The demo's activity for every partnership: an SLA policy, a filled responsibility matrix, roadmap items, a CSI
 * register and QBRs with a past (seed-workspace.server.ts), a year of tickets and daily metric samples. Each part
 * is written only when the partnership has none yet, so the command stays idempotent.
 */
export async function seedDemoActivity(now = new Date(), only?: readonly string[], days = 365): Promise<{ tickets: number }> {
  const prisma = await db()
  const timeline = demoTimeline(now)
  let tickets = 0
  for (const p of DEMO_PARTNERSHIPS.filter((d) => !only || only.includes(d.slug))) {
    const scope = await unsafeOperatorScope(p.slug)
    const people = await demoPeople(scope)
    // The workspace first, written as it grew over two quarters and this one (before the tickets, so the CSI
    // updates' KPI figures have no year of tickets to evaluate), then dated by one pass.
    const history = new DemoHistory(scope.id)
    const onboarded = timeline.at(-2, 0.05)
    if (!(await prisma.slaPolicy.count({ where: { partnershipId: scope.id } }))) {
      await history.at(onboarded, () => setSlaPolicy(scope, people.msp.actor, { slug: p.slug, policy: DEMO_POLICY }, { replace: true }))
    }
    await seedWorkspaceHistory(scope, p.slug, people, timeline, history, p.slug === 'northwind-contoso')
    await seedDemoQbrs(scope, p.slug, people.msp.actor, now, history)
    await seedDemoAssets(scope.id, p.slug, now, onboarded)
    await seedDemoAssessments(scope, p.slug, people.msp.actor.label, people.msp.actor.label, now)
    if (!history.empty) {
      await history.apply()
      // The partnership was set up in Accord when the history starts; its tickets reach further back (PSA import).
      await prisma.partnership.updateMany({ where: { id: scope.id, createdAt: { gt: onboarded } }, data: { createdAt: onboarded } })
      await prisma.auditEvent.updateMany({ where: { partnershipId: scope.id, action: 'partnership.create', createdAt: { gt: onboarded } }, data: { createdAt: onboarded } })
    }

    if (!(await prisma.ticket.count({ where: { partnershipId: scope.id } }))) {
      const generated = generateDemoTickets({
        seed: p.slug,
        policy: DEMO_POLICY,
        from: now.getTime() - days * DAY,
        to: now.getTime(),
        perDay: p.slug === 'northwind-contoso' ? 9 : 5,
        assignees: ASSIGNEES[p.msp],
        vendorVerdicts: p.msp === 'northwind',
      }).map(withDemoKpiFields(prng(`${p.slug}-kpis`)))
      for (let i = 0; i < generated.length; i += 1000) {
        await prisma.$transaction((tx) => upsertTicketBatch(tx, scope.id, 'psa', generated.slice(i, i + 1000)))
      }
      tickets += generated.length
    }

    // The client's headcount, for incidents per 100 users (set once; a client admin changes it on the page).
    await prisma.organization.updateMany({ where: { id: scope.clientOrgId, headcount: null }, data: { headcount: DEMO_HEADCOUNT[p.client] } })

    if (!(await prisma.metricSample.count({ where: { partnershipId: scope.id } }))) {
      const rand = prng(`${p.slug}-metrics`)
      const samples = []
      for (let d = days; d >= 1; d--) {
        const at = new Date(Math.floor((now.getTime() - d * DAY) / DAY) * DAY)
        samples.push(
          { partnershipId: scope.id, metric: 'uptime', scope: '', at, value: rand() < 0.04 ? 98.5 + rand() * 1.3 : 99.9 + rand() * 0.1, source: 'monitoring' },
          { partnershipId: scope.id, metric: 'backup_success', scope: '', at, value: rand() < 0.1 ? 90 + rand() * 8 : 98 + rand() * 2, source: 'backup' },
          { partnershipId: scope.id, metric: 'patch_compliance', scope: '', at, value: 88 + rand() * 10 + (365 - d) / 120, source: 'rmm' },
        )
      }
      await prisma.metricSample.createMany({ data: samples.map((s) => ({ ...s, value: Math.min(100, s.value) })) })
    }
  }
  return { tickets }
}
