import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { addAttendee } from '../qbr/add-attendee.server.ts'
import { addDecision } from '../qbr/add-decision.server.ts'
import { createActionItem } from '../qbr/create-action-item.server.ts'
import { createQbr } from '../qbr/create-qbr.server.ts'
import { setQbrStatus } from '../qbr/set-qbr-status.server.ts'
import { updateActionItem } from '../qbr/update-action-item.server.ts'
import { updateMinutes } from '../qbr/update-minutes.server.ts'
import { quarterName } from '../roadmap/budget.ts'
import { DEMO_USERS } from './demo-data.ts'
import { DemoHistory } from './demo-history.server.ts'
import { demoPeople } from './demo-people.server.ts'
import { demoTimeline } from './demo-timeline.ts'

const MINUTES: Record<string, string> = {
  SERVICE_PERFORMANCE: 'Response attainment held above target for P1 and P2; P3 resolution slipped in the second month (staffing over the holidays).',
  INCIDENTS: 'Two P1 network outages at plant 2; root cause in the site-to-site VPN. Escalation path worked, but the client heard late.',
  ROADMAP: 'SD-WAN proposal discussed; the client wants a pilot at one plant first. Backup to immutable storage agreed for next quarter.',
  ACTION_REVIEW: 'First QBR on Accord: no earlier action items.',
  NEXT_STEPS: 'Next QBR in the last month of next quarter, on site.',
}

// Owners by who they are in the partnership (see demoPeople), so each client's QBR names its own people.
const ACTIONS = [
  { title: 'Share the plant shutdown calendar with the service desk', owner: 'client', party: 'CLIENT', dueDays: 20, status: 'DONE' },
  { title: 'Root-cause report for the two P1 network outages', owner: 'msp', party: 'MSP', dueDays: 30, status: 'IN_PROGRESS' },
  { title: 'Pilot plan for SD-WAN at plant 2', owner: 'msp', party: 'MSP', dueDays: 45, status: 'OPEN' },
  { title: 'Name a deputy for network changes on the client side', owner: 'clientIt', party: 'CLIENT', dueDays: 60, status: 'OPEN' },
] as const

const day = (quarter: string, monthInQuarter: number, dayOfMonth: number) => {
  const [y, q] = quarter.split('-Q').map(Number)
  return `${y}-${String((q - 1) * 3 + monthInQuarter).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`
}

/**
 * Last quarter's QBR, held and closed with minutes, decisions and action items (some done since), and this
 * quarter's QBR, scheduled, with the open ones carried into its review. Written through the domain functions, so
 * history, audit and the closed loop are as real use leaves them, each at its date of the timeline (DemoHistory):
 * last quarter's planned in its first month, minuted on the day it was held; this quarter's planned a third of the
 * way into the quarter so far. Skipped when the partnership has a QBR.
 * Only this quarter's QBR invites anyone: one first invitation per attendee. Last quarter's meeting is history,
 * so its attendees are recorded after it was scheduled, and no invitation goes out for a meeting in the past.
 */
export async function seedDemoQbrs(scope: PartnershipScope, slug: string, actor: Actor, now = new Date(), shared?: DemoHistory): Promise<void> {
  const prisma = await db()
  if (await prisma.qbr.count({ where: { partnershipId: scope.id } })) return
  const timeline = demoTimeline(now)
  // Dated here unless the caller dates its whole history in one pass.
  const history = shared ?? new DemoHistory(scope.id)
  const current = quarterName(timeline.q0)
  const previous = quarterName(timeline.q0 - 1)
  const schedule = (quarter: string) => ({ startLocal: `${day(quarter, 3, 10)}T10:00`, endLocal: `${day(quarter, 3, 10)}T12:00`, timezone: 'Europe/London', location: 'Client HQ, board room' })
  const version = async (id: string) => (await prisma.qbr.findUniqueOrThrow({ where: { id }, select: { version: true } })).version

  const owners = await demoPeople(scope)
  const people = (await prisma.membership.findMany({
    where: { organizationId: { in: [scope.mspOrgId, scope.clientOrgId] }, role: { in: ['ACCOUNT_MANAGER', 'CLIENT_EXECUTIVE', 'CLIENT_IT'] } },
    select: { user: { select: { email: true } } },
  })).map((m) => m.user.email).filter((email) => DEMO_USERS.some((u) => u.email === email))

  const prev = await history.at(timeline.at(-1, 0.2), async () => {
    const created = await createQbr(scope, actor, { slug, quarter: previous, title: `QBR ${previous}`, ...schedule(previous) })
    await setQbrStatus(scope, actor, { slug, id: created.id, baseVersion: created.version, status: 'SCHEDULED' })
    for (const email of people) await addAttendee(scope, actor, { slug, qbrId: created.id, email })
    return created
  })
  // The meeting (10:00–12:00 London): minutes, decisions and action items written as it ends.
  const held = timeline.day(-1, 3, 10, 12)
  const actionIds: string[] = []
  await history.at(held, async () => {
    for (const item of prev.agenda) {
      const minutes = MINUTES[item.templateKey ?? '']
      if (minutes) await updateMinutes(scope, actor, { slug, id: item.id, baseVersion: item.version, minutes })
    }
    const roadmapItem = prev.agenda.find((a) => a.templateKey === 'ROADMAP')!
    await addDecision(scope, actor, { slug, qbrId: prev.id, text: 'Run an SD-WAN pilot at plant 2 before deciding on all sites.', decidedBy: 'Both parties', agendaItemId: roadmapItem.id })
    await addDecision(scope, actor, { slug, qbrId: prev.id, text: 'P1 incidents are phoned to the client executive within 30 minutes.', decidedBy: 'Both parties' })
    for (const a of ACTIONS) {
      const dueDate = new Date(held.getTime() + a.dueDays * 86_400_000).toISOString().slice(0, 10)
      actionIds.push((await createActionItem(scope, actor, { slug, qbrId: prev.id, title: a.title, owner: owners[a.owner].name, party: a.party, dueDate })).id)
    }
    await setQbrStatus(scope, actor, { slug, id: prev.id, baseVersion: await version(prev.id), status: 'HELD' })
  })
  await history.at(timeline.day(-1, 3, 12, 9), async () => {
    await setQbrStatus(scope, actor, { slug, id: prev.id, baseVersion: await version(prev.id), status: 'CLOSED' })
  })
  // Progress on the action items after the meeting: one started before the quarter ended, one done in this one.
  for (const [i, a] of ACTIONS.entries()) {
    if (a.status === 'OPEN') continue
    await history.at(a.status === 'DONE' ? timeline.at(0, 0.25) : timeline.day(-1, 3, 20), async () => {
      const { version: baseVersion } = await prisma.qbrActionItem.findUniqueOrThrow({ where: { id: actionIds[i] }, select: { version: true } })
      await updateActionItem(scope, actor, { slug, id: actionIds[i], baseVersion, changes: { status: a.status } })
    })
  }

  await history.at(timeline.at(0, 0.35), async () => {
    const next = await createQbr(scope, actor, { slug, quarter: current, title: `QBR ${current}`, ...schedule(current) })
    for (const email of people) await addAttendee(scope, actor, { slug, qbrId: next.id, email })
    await setQbrStatus(scope, actor, { slug, id: next.id, baseVersion: await version(next.id), status: 'SCHEDULED' })
  })
  if (!shared) await history.apply()
}
