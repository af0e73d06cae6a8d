import { SlaEngine } from '../sla/engine.ts'
import type { Priority, SlaPolicy } from '../sla/policy.ts'
import type { NormalisedTicket } from '../tickets/normalize-ticket.ts'
import { contentHash } from '../tickets/normalize-ticket.ts'
import type { Lifecycle } from '../tickets/status-history.ts'

// A year of believable tickets for a partnership, deterministic for a seed: business-hours arrivals, a priority
// mix, responses and resolutions mostly inside target with a few breaches, customer-wait pauses, escalations,
// CSAT answers, and a few assignees carrying most of the critical work.

export function prng(seed: string): () => number {
  let h = 1779033703 ^ seed.length
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353)
    h = (h << 13) | (h >>> 19)
  }
  let a = h >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const QUEUES = ['Service Desk', 'Service Desk', 'Service Desk', 'Network', 'Cloud', 'Endpoint', 'Security']
const TITLES: Record<string, string[]> = {
  'Service Desk': ['Password reset', 'Outlook keeps asking for credentials', 'New starter laptop setup', 'Printer offline on 2nd floor', 'Teams audio drops', 'Shared mailbox access'],
  Network: ['VPN disconnects every hour', 'Wi-Fi slow in warehouse', 'Site-to-site tunnel down', 'Firewall rule request'],
  Cloud: ['Azure VM high CPU', 'SharePoint site permissions', 'M365 licence assignment', 'Backup job failed on SQL01'],
  Endpoint: ['BitLocker recovery key', 'Patch failed on 12 laptops', 'Defender alert on workstation', 'Replace failing SSD'],
  Security: ['Phishing email reported', 'Suspicious sign-in from abroad', 'MFA reset request', 'EDR isolation review'],
}

export interface DemoTicketOptions {
  seed: string
  policy: SlaPolicy
  from: number
  to: number
  /** Tickets per business day, on average. */
  perDay: number
  assignees: string[]
  /** Whether the source sends its own SLA verdicts. */
  vendorVerdicts: boolean
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]
}

/** Time as a fraction of the target, mostly well inside it, sometimes beyond. */
function fractionOfTarget(rand: () => number, breachRate: number): number {
  if (rand() < breachRate) return 1.05 + rand() * 1.5
  return 0.1 + Math.pow(rand(), 1.6) * 0.85
}

export function generateDemoTickets(o: DemoTicketOptions): NormalisedTicket[] {
  const rand = prng(o.seed)
  const engine = new SlaEngine(o.policy)
  const out: NormalisedTicket[] = []
  const hour = 3_600_000
  let n = 0
  for (let day = o.from; day < o.to; day += 24 * hour) {
    const weekday = new Date(day).getUTCDay()
    const weekend = weekday === 0 || weekday === 6
    const count = Math.round((weekend ? 0.15 : 1) * o.perDay * (0.6 + rand() * 0.8))
    for (let i = 0; i < count; i++) {
      const r = rand()
      const priority: Priority = r < 0.03 ? 'P1' : r < 0.18 ? 'P2' : r < 0.73 ? 'P3' : 'P4'
      // Arrivals cluster in the working day (policy timezone is US Eastern in the demo: 12:00–22:00 UTC).
      const createdAt = Math.floor(day + (rand() < 0.85 ? 12 * hour + rand() * 10 * hour : rand() * 24 * hour))
      if (createdAt >= o.to) continue
      const target = o.policy.targets[priority]
      const clockAfter = (minutes: number) => (target.clock === '24x7' ? createdAt + minutes * 60_000 : engine.calendar.after(createdAt, minutes * 60_000))
      const queue = priority === 'P1' ? pick(rand, ['Network', 'Security', 'Cloud']) : pick(rand, QUEUES)
      const responseShare = fractionOfTarget(rand, 0.04)
      const firstResponseAt = clockAfter(target.responseMinutes * responseShare)

      const paused = (priority === 'P3' || priority === 'P4') && rand() < 0.18
      const resolutionShare = fractionOfTarget(rand, priority === 'P1' ? 0.08 : 0.06)
      let resolvedAt: number | null = clockAfter(target.resolutionMinutes * resolutionShare)
      const pauses: Array<[string, string | null, string]> = []
      if (paused) {
        const start = Math.floor(firstResponseAt + (resolvedAt - firstResponseAt) * 0.3)
        const length = Math.floor((2 + rand() * 28) * hour)
        pauses.push([new Date(start).toISOString(), new Date(start + length).toISOString(), 'Waiting on customer'])
        resolvedAt += length
      }
      // The last days' tickets are partly still open.
      const open = resolvedAt > o.to || (o.to - createdAt < 3 * 24 * hour && rand() < 0.5)
      if (open) resolvedAt = null
      if (open && pauses.length && Date.parse(pauses[0][0]) > o.to) pauses.length = 0
      if (open && pauses.length && Date.parse(pauses[0][1]!) > o.to) pauses[0][1] = null

      const escalated = priority === 'P1' ? rand() < 0.5 : rand() < 0.06
      // A few people carry most of the critical work: a key-person dependency worth discussing at the QBR.
      const assignee = priority === 'P1' || priority === 'P2' || escalated ? o.assignees[Math.floor(Math.pow(rand(), 2.2) * o.assignees.length)] : pick(rand, o.assignees)
      const csat = resolvedAt && rand() < 0.4 ? (rand() < 0.75 ? 5 : rand() < 0.7 ? 4 : rand() < 0.6 ? 3 : 2) : null
      const status = resolvedAt ? 'Closed' : pauses.length && pauses[0][1] === null ? 'Waiting on customer' : firstResponseAt > o.to ? 'New' : 'In Progress'
      // The PSA's own verdicts mostly agree with ours; now and then its calendar or pause rules differ.
      const vendorResponseMet = o.vendorVerdicts && firstResponseAt <= o.to ? (responseShare <= 1) !== rand() < 0.02 : null
      const vendorResolutionMet = o.vendorVerdicts && resolvedAt ? (resolutionShare <= 1 || paused) !== rand() < 0.02 : null
      n++
      const ticket = {
        externalId: `${o.seed.slice(0, 2).toUpperCase()}-${100000 + n}`,
        title: pick(rand, TITLES[queue]),
        priority,
        sourcePriority: priority,
        status,
        lifecycle: (resolvedAt ? 'closed' : status === 'Waiting on customer' ? 'waiting' : 'open') as Lifecycle,
        queue,
        assignee,
        createdAt: new Date(createdAt),
        firstResponseAt: firstResponseAt <= o.to ? new Date(firstResponseAt) : null,
        resolvedAt: resolvedAt ? new Date(resolvedAt) : null,
        pauses,
        escalated,
        csat,
        vendorResponseMet,
        vendorResolutionMet,
      }
      out.push({ ...ticket, contentHash: contentHash(ticket) })
    }
  }
  return out
}
