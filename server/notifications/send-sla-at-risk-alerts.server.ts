import { type EmailMessage, sendEmails } from '../../emails/send-email.server.ts'
import { type AtRiskLine, slaAtRiskEmail } from '../../emails/templates/sla-at-risk.tsx'
import { db } from '../db/client.server.ts'
import { findAtRiskClocks } from '../sla/find-at-risk-clocks.server.ts'
import type { SlaPolicy } from '../sla/policy.ts'
import { type Recipient, partnershipRecipients } from './preferences.server.ts'
import { enqueueWebhookEvents, kickWebhookDeliveries } from '../webhooks/enqueue-webhook-event.server.ts'

// At risk before breach (issue 11 §6), run by the same 5-minute sweep as the breach alerts (runSlaAlertScan). Each
// pending clock that has used at least the policy's atRiskShare is recorded once per ticket and metric in
// SlaAtRiskAlert; each row is claimed (alertedAt set where still null) before its mail leaves, so a rerun, a
// restart or a second process sends nothing twice. As with breaches, the price is at most once.

export interface AtRiskTarget {
  id: string
  slug: string
  mspOrgId: string
  clientOrgId: string
  name: string
  policy: SlaPolicy
}

/** Who hears of an at-risk clock: the MSP members the policy names (else those who want it), and opted-in clients. */
async function recipients(target: AtRiskTarget): Promise<Recipient[]> {
  const chosen = new Set(target.policy.atRiskRecipients.map((e) => e.toLowerCase()))
  let msp: Recipient[]
  if (chosen.size > 0) {
    // Named by the policy: sent unless that member turned at-risk alerts off. Only current members of the MSP.
    const members = await (await db()).membership.findMany({
      where: { organizationId: target.mspOrgId, user: { email: { in: [...chosen] } } },
      select: { user: { select: { id: true, email: true, name: true, notificationPreferences: { where: { kind: 'SLA_AT_RISK' }, select: { enabled: true } } } } },
    })
    msp = members.filter((m) => m.user.notificationPreferences[0]?.enabled !== false).map((m) => ({ email: m.user.email, name: m.user.name, userId: m.user.id }))
  } else {
    msp = await partnershipRecipients(target, 'SLA_AT_RISK', { party: 'MSP' })
  }
  const client = await partnershipRecipients(target, 'SLA_AT_RISK', { party: 'CLIENT' })
  const byEmail = new Map<string, Recipient>()
  for (const r of [...msp, ...client]) byEmail.set(r.email, r)
  return [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email))
}

export interface AtRiskResult {
  /** Clocks found at risk for the first time by this sweep. */
  detected: number
  /** Alerts this sweep claimed and mailed. */
  alerted: number
  messages: number
}

/** Records the partnership's newly at-risk clocks and mails each once. */
export async function sendSlaAtRiskAlerts(target: AtRiskTarget, now: Date, appUrl: string): Promise<AtRiskResult> {
  const result: AtRiskResult = { detected: 0, alerted: 0, messages: 0 }
  const found = await findAtRiskClocks(target.id, target.policy, now.getTime())
  if (found.length === 0) return result
  const prisma = await db()
  // A clock recorded at risk for the first time is a `ticket.at_risk` webhook event, queued in the same transaction.
  let webhooks = 0
  result.detected = await prisma.$transaction(async (tx) => {
    const inserted = await tx.slaAtRiskAlert.createManyAndReturn({
      data: found.map((c) => ({
        partnershipId: target.id,
        ticketId: c.ticket.id,
        metric: c.metric,
        priority: c.ticket.priority,
        usedShare: c.usedShare,
        dueAt: c.dueAt === null ? null : new Date(c.dueAt),
      })),
      skipDuplicates: true,
      select: { ticketId: true, metric: true },
    })
    const fresh = new Set(inserted.map((r) => `${r.ticketId}|${r.metric}`))
    webhooks = await enqueueWebhookEvents(
      tx,
      target.id,
      found
        .filter((c) => fresh.has(`${c.ticket.id}|${c.metric}`))
        .map((c) => ({
          event: 'ticket.at_risk' as const,
          data: {
            ticket: { externalId: c.ticket.externalId, title: c.ticket.title, priority: c.ticket.priority },
            metric: c.metric,
            usedShare: c.usedShare,
            dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
          },
        })),
      now,
    )
    return inserted.length
  })
  if (webhooks > 0) await kickWebhookDeliveries()
  // Claim only clocks still at risk now: one that breached before its mail went out is the breach alert's to tell.
  const claimed: typeof found = []
  for (const c of found) {
    const { count } = await prisma.slaAtRiskAlert.updateMany({ where: { partnershipId: target.id, ticketId: c.ticket.id, metric: c.metric, alertedAt: null }, data: { alertedAt: now } })
    if (count === 1) claimed.push(c)
  }
  if (claimed.length === 0) return result
  result.alerted = claimed.length
  const people = await recipients(target)
  const messages: EmailMessage[] = []
  for (const c of claimed) {
    const t = target.policy.targets[c.ticket.priority]
    const line: AtRiskLine = {
      externalId: c.ticket.externalId,
      title: c.ticket.title,
      priority: c.ticket.priority,
      metric: c.metric,
      usedShare: c.usedShare,
      dueAt: c.dueAt === null ? null : new Date(c.dueAt),
      targetMinutes: c.targetMinutes,
      clock: t.clock,
      url: `${appUrl}/p/${target.slug}/sla/tickets/${encodeURIComponent(c.ticket.externalId)}`,
    }
    const rendered = await slaAtRiskEmail({ partnershipName: target.name, timezone: target.policy.timezone, atRisk: line, appUrl })
    for (const r of people) messages.push({ ...rendered, to: r.email, kind: 'SLA_AT_RISK', context: { partnershipId: target.id } })
  }
  await sendEmails(messages)
  result.messages = messages.length
  return result
}
