import { unsafeOperatorScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { createCsiEntry } from '../csi/csi-entries.server.ts'
import { db } from '../db/client.server.ts'
import { applyStarterTemplate } from '../responsibilities/apply-starter-template.server.ts'
import { approveRoadmapItem } from '../roadmap/approve-roadmap-item.server.ts'
import { createRoadmapItem } from '../roadmap/create-roadmap-item.server.ts'
import { currentQuarter } from '../roadmap/roadmap-budget.server.ts'
import { quarterIndex, quarterName } from '../roadmap/budget.ts'
import { DEMO_POLICY } from '../sla/policy.ts'
import { setSlaPolicy } from '../sla/sla-policies.server.ts'
import { upsertTicketBatch } from '../tickets/upsert-tickets.server.ts'
import { DEMO_PARTNERSHIPS } from './demo-data.ts'
import { demoPeople } from './demo-people.server.ts'
import { generateDemoTickets, prng } from './demo-tickets.ts'
import { seedDemoQbrs } from './seed-qbrs.server.ts'

const SEED_ACTOR: Actor = { userId: null, label: 'demo seed' }
const DAY = 86_400_000

const ASSIGNEES: Record<string, string[]> = {
  northwind: ['Priya Shah', 'Marco Rossi', 'Jen Okafor', 'Tom Becker', 'Lena Fischer', 'Dev Patel'],
  tailspin: ['Ravi Menon', 'Kate Doyle', 'Hugo Martin', 'Aisha Khan'],
}

const ROADMAP = [
  ['Microsoft 365 E5 security uplift', 'Security', 'Fewer successful phishing attacks; Defender for Office everywhere', 'HIGH', 18_000, 2_400],
  ['Replace site-to-site VPN with SD-WAN', 'Network', 'Stable links between plants; fewer P1 network incidents', 'HIGH', 65_000, 3_100],
  ['Endpoint refresh wave 1 (120 laptops)', 'Endpoint', 'Ageing fleet replaced before support ends', 'MEDIUM', 144_000, 0],
  ['Self-service password reset', 'Service Desk', 'A fifth of help desk tickets disappear', 'MEDIUM', 4_500, 300],
  ['Azure landing zone', 'Cloud', 'A governed home for new workloads', 'HIGH', 38_000, 1_200],
  ['Backup to immutable storage', 'Security', 'Ransomware cannot reach the backups', 'CRITICAL', 12_000, 900],
  ['Power BI service dashboards', 'Reporting', 'Live KPIs for the leadership team', 'LOW', 6_000, 150],
  ['ERP server migration to Azure', 'Cloud', 'Retire the on-premises ERP hardware', 'HIGH', 52_000, 2_800],
  ['Security awareness programme', 'Security', 'Staff spot phishing; fewer incidents', 'MEDIUM', 3_000, 450],
  ['Conditional access policies', 'Security', 'Sign-ins from unmanaged devices blocked', 'HIGH', 7_500, 0],
  ['Teams Rooms for meeting rooms', 'Collaboration', 'Hybrid meetings that just work', 'LOW', 28_000, 600],
  ['Automated onboarding workflow', 'Service Desk', 'New starters productive on day one', 'MEDIUM', 9_000, 200],
  ['Network segmentation of OT', 'Network', 'Production lines isolated from office IT', 'CRITICAL', 41_000, 0],
  ['AI-assisted ticket triage pilot', 'Innovation', 'Faster first response on P3/P4', 'LOW', 15_000, 700],
  ['Disaster recovery test twice a year', 'Continuity', 'Proven recovery times', 'MEDIUM', 5_000, 0],
] as const

const CSI = [
  ['Cut P2 resolution breaches', 'MEDIUM', 'HIGH', 'sla.resolution.P2', 88, 95],
  ['Lower the escalation rate', 'MEDIUM', 'MEDIUM', 'escalation_rate', 9, 5],
  ['Raise CSAT above 4.5', 'SMALL', 'MEDIUM', 'csat_average', 4.2, 4.6],
  ['Patch compliance to 98%', 'SMALL', 'HIGH', 'patch_compliance', 92, 98],
  ['Faster P1 response', 'LARGE', 'CRITICAL', 'sla.response.P1', 90, 99],
  ['Backup success every night', 'SMALL', 'HIGH', 'backup_success', 97, 99.5],
  ['Reduce key-person dependency on network work', 'LARGE', 'MEDIUM', null, null, null],
  ['Median resolution under one business day', 'MEDIUM', 'LOW', 'median_resolution_minutes', 700, 480],
] as const

/**
 * The demo's activity for every partnership: an SLA policy, a year of tickets, daily metric samples, a filled
 * responsibility matrix, roadmap items across four quarters and a CSI register. Each part is written only when
 * the partnership has none yet, so the command stays idempotent.
 */
export async function seedDemoActivity(now = new Date(), only?: readonly string[], days = 365): Promise<{ tickets: number }> {
  const prisma = await db()
  let tickets = 0
  for (const p of DEMO_PARTNERSHIPS.filter((d) => !only || only.includes(d.slug))) {
    const scope = await unsafeOperatorScope(p.slug)
    const people = await demoPeople(scope)
    if (!(await prisma.slaPolicy.count({ where: { partnershipId: scope.id } }))) await setSlaPolicy(scope, SEED_ACTOR, { slug: p.slug, policy: DEMO_POLICY })

    if (!(await prisma.ticket.count({ where: { partnershipId: scope.id } }))) {
      const generated = generateDemoTickets({
        seed: p.slug,
        policy: DEMO_POLICY,
        from: now.getTime() - days * DAY,
        to: now.getTime(),
        perDay: p.slug === 'northwind-contoso' ? 9 : 5,
        assignees: ASSIGNEES[p.msp],
        vendorVerdicts: p.msp === 'northwind',
      })
      for (let i = 0; i < generated.length; i += 1000) {
        await prisma.$transaction((tx) => upsertTicketBatch(tx, scope.id, 'psa', generated.slice(i, i + 1000)))
      }
      tickets += generated.length
    }

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

    if (!(await prisma.responsibilityFunction.count({ where: { partnershipId: scope.id } }))) await applyStarterTemplate(scope, SEED_ACTOR)

    if (!(await prisma.roadmapItem.count({ where: { partnershipId: scope.id } }))) {
      const q0 = quarterIndex(currentQuarter(now))
      const clientScope = { ...scope, party: 'CLIENT' as const, orgId: scope.clientOrgId, role: 'CLIENT_EXECUTIVE' as const }
      for (const [i, [title, category, outcome, priority, oneTime, recurring]] of ROADMAP.entries()) {
        if (p.slug !== 'northwind-contoso' && i % 2 === 1) continue
        const quarter = quarterName(q0 + (i % 4))
        const status = i % 5 === 0 ? 'IDEA' : 'PROPOSED'
        // Seeded proposals ask no one by mail (appUrl null): a fresh demo starts with an empty outbox.
        const item = await createRoadmapItem(
          i % 3 === 0 ? clientScope : scope,
          SEED_ACTOR,
          {
            slug: p.slug,
            title,
            category,
            businessOutcome: outcome,
            description: `${outcome}.`,
            priority,
            targetQuarter: quarter,
            oneTime,
            recurring,
            currency: 'USD',
            status,
          },
          null,
        )
        // The first few are agreed by both sides; one is half-approved, waiting for the client.
        if (status === 'PROPOSED' && i < 8) {
          const afterMsp = await approveRoadmapItem(scope, people.msp.actor, { slug: p.slug, id: item.id, baseVersion: item.version })
          if (i !== 4) await approveRoadmapItem(clientScope, people.client.actor, { slug: p.slug, id: item.id, baseVersion: afterMsp.version })
        }
      }
    }

    if (!(await prisma.csiEntry.count({ where: { partnershipId: scope.id } }))) {
      for (const [i, [opportunity, size, priority, kpiMetric, kpiBaseline, kpiTarget]] of CSI.entries()) {
        const due = new Date(now.getTime() + (30 + i * 25) * DAY).toISOString().slice(0, 10)
        await createCsiEntry(scope, SEED_ACTOR, {
          slug: p.slug,
          opportunity,
          size,
          priority,
          justification: 'Raised at the last QBR from the SLA and ticket trends.',
          kpiMetric,
          kpiBaseline,
          kpiTarget,
          kpiTargetDate: kpiMetric ? due : null,
          owner: i % 2 ? people.msp.name : people.clientIt.name,
          startDate: new Date(now.getTime() - (60 - i * 5) * DAY).toISOString().slice(0, 10),
          dueDate: due,
          stage: ['PLAN', 'DO', 'CHECK', 'ACT'][i % 4],
          status: i % 4 === 0 ? 'OPEN' : 'IN_PROGRESS',
          milestones: [
            { title: 'Baseline agreed', due: null, done: true },
            { title: 'Change implemented', due, done: false },
          ],
        })
      }
    }

    await seedDemoQbrs(scope, p.slug, people.msp.actor, now)
  }
  return { tickets }
}
