import type { PartnershipScope } from '../access/policy.server.ts'
import { createCsiEntry, updateCsiEntry } from '../csi/csi-entries.server.ts'
import { db } from '../db/client.server.ts'
import { applyStarterTemplate } from '../responsibilities/apply-starter-template.server.ts'
import { updateResponsibility } from '../responsibilities/update-responsibility.server.ts'
import { approveRoadmapItem } from '../roadmap/approve-roadmap-item.server.ts'
import { quarterName } from '../roadmap/budget.ts'
import { createRoadmapItem } from '../roadmap/create-roadmap-item.server.ts'
import { updateRoadmapItem } from '../roadmap/update-roadmap-item.server.ts'
import type { DemoHistory } from './demo-history.server.ts'
import type { DemoPerson } from './demo-people.server.ts'
import type { DemoTimeline } from './demo-timeline.ts'

// The workspace as it grew over the last two quarters and this one: the matrix applied at onboarding and given
// owners, roadmap items proposed, approved, started and finished, CSI opportunities moving through their stages.
// Every write goes through the domain functions (so history and audit are as real use leaves them), at a date of
// the timeline (DemoHistory moves the stamps there). A quarter offset and a fraction of it: [-1, 0.5] is the middle
// of last quarter.

type When = readonly [offset: number, fraction: number]
type People = { msp: DemoPerson; client: DemoPerson; clientIt: DemoPerson }

type RoadmapEvent =
  | { at: When; approve: 'msp' | 'client' }
  | { at: When; status: 'PROPOSED' | 'IN_PROGRESS' | 'DONE' }
  | { at: When; oneTime: number }

interface RoadmapPlan {
  title: string
  category: string
  outcome: string
  priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'
  oneTime: number
  recurring: number
  created: When
  /** Target quarter, from this quarter. */
  target: number
  status: 'IDEA' | 'PROPOSED'
  by: 'msp' | 'client'
  events: RoadmapEvent[]
}

const ROADMAP: RoadmapPlan[] = [
  { title: 'Microsoft 365 E5 security uplift', category: 'Security', outcome: 'Fewer successful phishing attacks; Defender for Office everywhere', priority: 'HIGH', oneTime: 18_000, recurring: 2_400, created: [-2, 0.15], target: -1, status: 'PROPOSED', by: 'client', events: [{ at: [-2, 0.35], approve: 'msp' }, { at: [-2, 0.45], approve: 'client' }, { at: [-1, 0.1], status: 'IN_PROGRESS' }, { at: [-1, 0.8], status: 'DONE' }] },
  { title: 'Replace site-to-site VPN with SD-WAN', category: 'Network', outcome: 'Stable links between plants; fewer P1 network incidents', priority: 'HIGH', oneTime: 65_000, recurring: 3_100, created: [-2, 0.2], target: 0, status: 'PROPOSED', by: 'msp', events: [{ at: [-2, 0.5], approve: 'msp' }, { at: [-1, 0.85], approve: 'client' }, { at: [0, 0.3], status: 'IN_PROGRESS' }] },
  { title: 'Endpoint refresh wave 1 (120 laptops)', category: 'Endpoint', outcome: 'Ageing fleet replaced before support ends', priority: 'MEDIUM', oneTime: 144_000, recurring: 0, created: [-2, 0.25], target: 1, status: 'PROPOSED', by: 'msp', events: [{ at: [-1, 0.3], approve: 'msp' }, { at: [-1, 0.35], approve: 'client' }] },
  { title: 'Self-service password reset', category: 'Service Desk', outcome: 'A fifth of help desk tickets disappear', priority: 'MEDIUM', oneTime: 4_500, recurring: 300, created: [-2, 0.3], target: -1, status: 'IDEA', by: 'client', events: [{ at: [-2, 0.6], status: 'PROPOSED' }, { at: [-2, 0.7], approve: 'msp' }, { at: [-2, 0.75], approve: 'client' }, { at: [-1, 0.2], status: 'IN_PROGRESS' }, { at: [0, 0.15], status: 'DONE' }] },
  { title: 'Azure landing zone', category: 'Cloud', outcome: 'A governed home for new workloads', priority: 'HIGH', oneTime: 38_000, recurring: 1_200, created: [-2, 0.4], target: 0, status: 'PROPOSED', by: 'msp', events: [{ at: [-1, 0.5], approve: 'msp' }] },
  { title: 'Backup to immutable storage', category: 'Security', outcome: 'Ransomware cannot reach the backups', priority: 'CRITICAL', oneTime: 12_000, recurring: 900, created: [-2, 0.45], target: 0, status: 'PROPOSED', by: 'msp', events: [{ at: [-1, 0.8], approve: 'msp' }, { at: [-1, 0.82], approve: 'client' }, { at: [0, 0.2], status: 'IN_PROGRESS' }] },
  { title: 'Power BI service dashboards', category: 'Reporting', outcome: 'Live KPIs for the leadership team', priority: 'LOW', oneTime: 6_000, recurring: 150, created: [-2, 0.55], target: 2, status: 'IDEA', by: 'client', events: [] },
  { title: 'ERP server migration to Azure', category: 'Cloud', outcome: 'Retire the on-premises ERP hardware', priority: 'HIGH', oneTime: 52_000, recurring: 2_800, created: [-2, 0.6], target: 1, status: 'PROPOSED', by: 'msp', events: [{ at: [-2, 0.8], approve: 'msp' }, { at: [-1, 0.1], approve: 'client' }] },
  { title: 'Security awareness programme', category: 'Security', outcome: 'Staff spot phishing; fewer incidents', priority: 'MEDIUM', oneTime: 3_000, recurring: 450, created: [-1, 0.15], target: 0, status: 'PROPOSED', by: 'msp', events: [{ at: [-1, 0.5], oneTime: 3_600 }, { at: [-1, 0.6], approve: 'msp' }, { at: [-1, 0.65], approve: 'client' }, { at: [0, 0.35], status: 'IN_PROGRESS' }] },
  { title: 'Conditional access policies', category: 'Security', outcome: 'Sign-ins from unmanaged devices blocked', priority: 'HIGH', oneTime: 7_500, recurring: 0, created: [-1, 0.25], target: 0, status: 'PROPOSED', by: 'client', events: [{ at: [-1, 0.4], approve: 'msp' }, { at: [-1, 0.45], approve: 'client' }, { at: [-1, 0.7], status: 'IN_PROGRESS' }, { at: [0, 0.45], status: 'DONE' }] },
  { title: 'Teams Rooms for meeting rooms', category: 'Collaboration', outcome: 'Hybrid meetings that just work', priority: 'LOW', oneTime: 28_000, recurring: 600, created: [-1, 0.4], target: 2, status: 'IDEA', by: 'client', events: [] },
  { title: 'Automated onboarding workflow', category: 'Service Desk', outcome: 'New starters productive on day one', priority: 'MEDIUM', oneTime: 9_000, recurring: 200, created: [-1, 0.6], target: 1, status: 'PROPOSED', by: 'msp', events: [{ at: [0, 0.4], oneTime: 11_500 }] },
  { title: 'Network segmentation of OT', category: 'Network', outcome: 'Production lines isolated from office IT', priority: 'CRITICAL', oneTime: 41_000, recurring: 0, created: [0, 0.2], target: 1, status: 'PROPOSED', by: 'client', events: [{ at: [0, 0.5], approve: 'msp' }] },
  { title: 'AI-assisted ticket triage pilot', category: 'Innovation', outcome: 'Faster first response on P3/P4', priority: 'LOW', oneTime: 15_000, recurring: 700, created: [0, 0.3], target: 2, status: 'IDEA', by: 'msp', events: [] },
  { title: 'Disaster recovery test twice a year', category: 'Continuity', outcome: 'Proven recovery times', priority: 'MEDIUM', oneTime: 5_000, recurring: 0, created: [0, 0.6], target: 1, status: 'PROPOSED', by: 'msp', events: [] },
]

type CsiMove = { at: When; stage?: string; status?: 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'DONE' }
const CSI: Array<{ opportunity: string; size: 'SMALL' | 'MEDIUM' | 'LARGE'; priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'; kpi: readonly [string, number, number] | null; created: When; moves: CsiMove[] }> = [
  { opportunity: 'Cut P2 resolution breaches', size: 'MEDIUM', priority: 'HIGH', kpi: ['sla.resolution.P2', 88, 95], created: [-2, 0.35], moves: [{ at: [-1, 0.2], stage: 'DO', status: 'IN_PROGRESS' }, { at: [0, 0.4], stage: 'CHECK' }] },
  { opportunity: 'Lower the escalation rate', size: 'MEDIUM', priority: 'MEDIUM', kpi: ['escalation_rate', 9, 5], created: [-2, 0.43], moves: [{ at: [-1, 0.35], stage: 'DO', status: 'IN_PROGRESS' }] },
  { opportunity: 'Raise CSAT above 4.5', size: 'SMALL', priority: 'MEDIUM', kpi: ['csat_average', 4.2, 4.6], created: [-2, 0.51], moves: [{ at: [0, 0.3], stage: 'DO', status: 'IN_PROGRESS' }] },
  { opportunity: 'Patch compliance to 98%', size: 'SMALL', priority: 'HIGH', kpi: ['patch_compliance', 92, 98], created: [-2, 0.59], moves: [{ at: [-2, 0.9], stage: 'DO', status: 'IN_PROGRESS' }, { at: [-1, 0.6], stage: 'CHECK' }, { at: [0, 0.25], stage: 'ACT', status: 'DONE' }] },
  { opportunity: 'Faster P1 response', size: 'LARGE', priority: 'CRITICAL', kpi: ['sla.response.P1', 90, 99], created: [-2, 0.67], moves: [{ at: [-1, 0.1], stage: 'DO', status: 'IN_PROGRESS' }] },
  { opportunity: 'Backup success every night', size: 'SMALL', priority: 'HIGH', kpi: ['backup_success', 97, 99.5], created: [-2, 0.75], moves: [{ at: [-1, 0.5], stage: 'DO', status: 'IN_PROGRESS' }] },
  { opportunity: 'Reduce key-person dependency on network work', size: 'LARGE', priority: 'MEDIUM', kpi: null, created: [-1, 0.3], moves: [{ at: [0, 0.5], status: 'ON_HOLD' }] },
  { opportunity: 'Median resolution under one business day', size: 'MEDIUM', priority: 'LOW', kpi: ['median_resolution_minutes', 700, 480], created: [-1, 0.55], moves: [{ at: [0, 0.35], stage: 'DO', status: 'IN_PROGRESS' }] },
]

/** Matrix rows given owners a few weeks after onboarding; `client: 'exec'` names the client's executive. */
const OWNED_ROWS: Array<{ name: string; client: 'exec' | 'it' }> = [
  { name: 'IT strategy and roadmap', client: 'exec' },
  { name: 'IT budget and financial planning', client: 'exec' },
  { name: 'Security monitoring (SOC)', client: 'it' },
  { name: 'Incident response', client: 'it' },
  { name: 'Help desk (L1/L2)', client: 'it' },
  { name: 'Infrastructure and network management', client: 'it' },
  { name: 'Backup and recovery', client: 'it' },
  { name: 'Disaster recovery planning', client: 'exec' },
]

const day = (d: Date) => d.toISOString().slice(0, 10)
const DAY = 86_400_000

export async function seedWorkspaceHistory(scope: PartnershipScope, slug: string, people: People, timeline: DemoTimeline, history: DemoHistory, full: boolean): Promise<void> {
  const prisma = await db()
  const when = ([offset, fraction]: When) => timeline.at(offset, fraction)
  const clientScope = { ...scope, party: 'CLIENT' as const, orgId: scope.clientOrgId, role: 'CLIENT_EXECUTIVE' as const }
  const steps: Array<{ at: Date; run: () => Promise<unknown> }> = []

  if (!(await prisma.responsibilityFunction.count({ where: { partnershipId: scope.id } }))) {
    const row = async (name: string) => prisma.responsibilityFunction.findFirstOrThrow({ where: { partnershipId: scope.id, name }, select: { id: true, version: true } })
    const edit = (actor: DemoPerson, name: string, changes: Record<string, unknown>) => async () => {
      const r = await row(name)
      await updateResponsibility(scope, actor.actor, { slug, id: r.id, baseVersion: r.version, changes })
    }
    steps.push({ at: when([-2, 0.08]), run: () => applyStarterTemplate(scope, people.msp.actor) })
    // The smaller partnerships (`full` false) get a shorter history: half the owners, roadmap items and CSI moves.
    for (const [i, r] of OWNED_ROWS.entries()) {
      if (!full && i % 2 === 1) continue
      steps.push({ at: when([-2, 0.2 + i * 0.01]), run: edit(people.msp, r.name, { mspOwner: people.msp.name, clientOwner: (r.client === 'exec' ? people.client : people.clientIt).name }) })
    }
    // Changes between last quarter's pack and this one's, and before last quarter's.
    steps.push({ at: when([-1, 0.45]), run: edit(people.client, 'Identity and access management', { mspRaci: 'RA', clientRaci: 'C', notes: 'The MSP is accountable for joiners, movers and leavers since the access review.' }) })
    steps.push({ at: when([0, 0.5]), run: edit(people.client, 'Security awareness training', { clientOwner: people.client.name, notes: 'Quarterly phishing simulation; results go to the leadership team.' }) })
    steps.push({ at: when([0, 0.55]), run: edit(people.msp, 'Cloud migration', { mspOwner: people.msp.name, clientOwner: people.clientIt.name }) })
  }

  if (!(await prisma.roadmapItem.count({ where: { partnershipId: scope.id } }))) {
    const ids = new Map<number, string>()
    const version = async (i: number) => (await prisma.roadmapItem.findUniqueOrThrow({ where: { id: ids.get(i)! }, select: { version: true } })).version
    for (const [i, plan] of ROADMAP.entries()) {
      if (!full && i % 2 === 1) continue
      const owner = plan.by === 'client' ? people.client : people.msp
      steps.push({
        at: when(plan.created),
        run: async () => {
          // Seeded proposals ask no one by mail (appUrl null): a fresh demo starts with an empty outbox.
          const item = await createRoadmapItem(plan.by === 'client' ? clientScope : scope, owner.actor, {
            slug,
            title: plan.title,
            category: plan.category,
            businessOutcome: plan.outcome,
            description: `${plan.outcome}.`,
            priority: plan.priority,
            targetQuarter: quarterName(timeline.q0 + plan.target),
            oneTime: plan.oneTime,
            recurring: plan.recurring,
            currency: 'USD',
            status: plan.status,
            mspOwner: people.msp.name,
            clientOwner: people.clientIt.name,
          }, null)
          ids.set(i, item.id)
        },
      })
      for (const e of plan.events) {
        steps.push({
          at: when(e.at),
          run: async () => {
            const ref = { slug, id: ids.get(i)!, baseVersion: await version(i) }
            if ('approve' in e) await approveRoadmapItem(e.approve === 'msp' ? scope : clientScope, (e.approve === 'msp' ? people.msp : people.client).actor, ref)
            else await updateRoadmapItem(scope, people.msp.actor, { ...ref, changes: 'status' in e ? { status: e.status } : { oneTime: e.oneTime } }, null)
          },
        })
      }
    }
  }

  if (!(await prisma.csiEntry.count({ where: { partnershipId: scope.id } }))) {
    const ids = new Map<number, string>()
    for (const [i, c] of CSI.entries()) {
      const created = when(c.created)
      const due = day(new Date(created.getTime() + (120 + i * 15) * DAY))
      steps.push({
        at: created,
        run: async () => {
          const entry = await createCsiEntry(scope, (i % 2 ? people.msp : people.clientIt).actor, {
            slug,
            opportunity: c.opportunity,
            size: c.size,
            priority: c.priority,
            justification: 'Raised at a QBR from the SLA and ticket trends.',
            kpiMetric: c.kpi?.[0] ?? null,
            kpiBaseline: c.kpi?.[1] ?? null,
            kpiTarget: c.kpi?.[2] ?? null,
            kpiTargetDate: c.kpi ? due : null,
            owner: i % 2 ? people.msp.name : people.clientIt.name,
            startDate: day(created),
            dueDate: due,
            stage: 'PLAN',
            status: 'OPEN',
            milestones: [
              { title: 'Baseline agreed', due: day(new Date(created.getTime() + 14 * DAY)), done: true },
              { title: 'Change implemented', due, done: false },
            ],
          })
          ids.set(i, entry.id)
        },
      })
      for (const m of full || i % 2 === 0 ? c.moves : []) {
        steps.push({
          at: when(m.at),
          run: async () => {
            const id = ids.get(i)!
            const { version } = await prisma.csiEntry.findUniqueOrThrow({ where: { id }, select: { version: true } })
            const changes = { ...(m.stage ? { stage: m.stage } : {}), ...(m.status ? { status: m.status } : {}) }
            await updateCsiEntry(scope, (i % 2 ? people.msp : people.clientIt).actor, { slug, id, baseVersion: version, changes })
          },
        })
      }
    }
  }

  // In date order (stable: an entity's steps were listed in order), so every entity's history runs forwards.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime())
  for (const s of steps) await history.at(s.at, s.run)
}
