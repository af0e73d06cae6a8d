import { z } from 'zod'
import { ZDate } from '../validation/bounds.ts'
import { type EmailMessage, sendEmails } from '../../emails/send-email.server.ts'
import type { BreachLine } from '../../emails/templates/sla-breach.tsx'
import { slaBreachEmail } from '../../emails/templates/sla-breach.tsx'
import { slaDigestEmail } from '../../emails/templates/sla-digest.tsx'
import { db } from '../db/client.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { calendarFor } from '../sla/calendar.ts'
import { VERDICTS, evaluateBatch } from '../sla/engine.ts'
import { type Priority, ZSlaPolicy } from '../sla/policy.ts'
import { readStoredPauses } from '../sla/stored-pauses.ts'
import { partnershipRecipients } from './preferences.server.ts'
import { type AtRiskTarget, sendSlaAtRiskAlerts } from './send-sla-at-risk-alerts.server.ts'
import { logger } from '../observability/logger.server.ts'
import { enqueueWebhookEvents, kickWebhookDeliveries } from '../webhooks/enqueue-webhook-event.server.ts'

// Breaches are found by the same engine and policy as the SLA report (server/sla/), recorded once per ticket and
// metric in SlaBreachAlert, and each row is claimed (alertedAt / digestedAt set where still null) before its mail
// leaves: a rerun, a restart or a second process finds nothing left to send. The price is at most once: a mail
// that fails after its claim is recorded as FAILED in the outbox, not retried.

const IMMEDIATE: readonly Priority[] = ['P1', 'P2']
const DIGESTED: readonly Priority[] = ['P3', 'P4']
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Target = AtRiskTarget

interface TicketRow {
  id: string
  externalId: string
  title: string
  priority: Priority
  createdAt: Date
  firstResponseAt: Date | null
  resolvedAt: Date | null
  pauses: unknown
}

async function targets(partnershipIds?: readonly string[]): Promise<Target[]> {
  const prisma = await db()
  const partnerships = await prisma.partnership.findMany({
    where: { status: 'ACTIVE', ...(partnershipIds ? { id: { in: [...partnershipIds] } } : {}) },
    select: {
      id: true,
      slug: true,
      mspOrgId: true,
      clientOrgId: true,
      mspOrg: { select: { name: true } },
      clientOrg: { select: { name: true } },
      slaPolicies: { orderBy: { version: 'desc' }, take: 1, select: { definition: true } },
    },
    orderBy: { slug: 'asc' },
  })
  const out: Target[] = []
  for (const p of partnerships) {
    if (p.slaPolicies.length === 0) continue
    const parsed = ZSlaPolicy.safeParse(p.slaPolicies[0].definition)
    // A version stored before today's policy bounds is not evaluated (the SLA pages say why); the others still are.
    if (!parsed.success) {
      logger().warn(`[sla-alerts] ${p.slug}: the current SLA policy no longer passes the policy rules; skipped`)
      continue
    }
    out.push({ id: p.id, slug: p.slug, mspOrgId: p.mspOrgId, clientOrgId: p.clientOrgId, name: `${p.mspOrg.name} × ${p.clientOrg.name}`, policy: parsed.data })
  }
  return out
}

/** Records every response or resolution breach decided in [since, asOf] that is not recorded yet; returns how many were new. */
async function detectBreaches(target: Target, since: number, asOf: number): Promise<number> {
  const prisma = await db()
  const sinceIso = new Date(since).toISOString()
  // Tickets whose response or resolution may have been decided since `since` (the report's candidate rule).
  const rows = await prisma.$queryRawUnsafe<TicketRow[]>(
    `SELECT "id", "externalId", "title", "priority"::text AS "priority", "createdAt", "firstResponseAt", "resolvedAt", "pauses"
       FROM "Ticket"
      WHERE "partnershipId" = $1
        AND "createdAt" <= ($2::timestamptz AT TIME ZONE 'UTC')
        AND ("resolvedAt" IS NULL OR "resolvedAt" >= ($3::timestamptz AT TIME ZONE 'UTC')
             OR "firstResponseAt" IS NULL OR "firstResponseAt" >= ($3::timestamptz AT TIME ZONE 'UTC'))`,
    target.id,
    new Date(asOf).toISOString(),
    sinceIso,
  )
  if (rows.length === 0) return 0
  const table = evaluateBatch(
    calendarFor(target.policy),
    target.policy,
    rows.map((r) => ({
      priority: r.priority,
      createdAt: r.createdAt.getTime(),
      firstResponseAt: r.firstResponseAt?.getTime() ?? null,
      resolvedAt: r.resolvedAt?.getTime() ?? null,
      pauses: readStoredPauses(r.pauses),
    })),
    asOf,
  )
  const found: Array<{ partnershipId: string; ticketId: string; metric: string; priority: Priority; breachedAt: Date }> = []
  for (let i = 0; i < rows.length; i++) {
    for (const [metric, verdict, decidedAt] of [
      ['response', table.responseVerdict[i], table.responseDecidedAt[i]],
      ['resolution', table.resolutionVerdict[i], table.resolutionDecidedAt[i]],
    ] as const) {
      if (VERDICTS[verdict] === 'breached' && decidedAt >= since && decidedAt <= asOf) {
        found.push({ partnershipId: target.id, ticketId: rows[i].id, metric, priority: rows[i].priority, breachedAt: new Date(decidedAt) })
      }
    }
  }
  if (found.length === 0) return 0
  const tickets = new Map(rows.map((r) => [r.id, r]))
  // A breach recorded for the first time is a `ticket.breached` webhook event, queued in the same transaction (ADR 028).
  let webhooks = 0
  const created = await prisma.$transaction(async (tx) => {
    const inserted = await tx.slaBreachAlert.createManyAndReturn({ data: found, skipDuplicates: true, select: { ticketId: true, metric: true, priority: true, breachedAt: true } })
    webhooks = await enqueueWebhookEvents(
      tx,
      target.id,
      inserted.map((b) => ({
        event: 'ticket.breached' as const,
        data: { ticket: { externalId: tickets.get(b.ticketId)?.externalId, title: tickets.get(b.ticketId)?.title, priority: b.priority }, metric: b.metric, breachedAt: b.breachedAt.toISOString() },
      })),
    )
    return inserted.length
  })
  if (webhooks > 0) await kickWebhookDeliveries()
  return created
}

type Claimable = 'alertedAt' | 'digestedAt'

/** Claims the unsent breaches of these priorities in [from, to): each row is taken by exactly one caller. */
async function claim(target: Target, field: Claimable, priorities: readonly Priority[], from: number, to: number, now: Date) {
  const prisma = await db()
  const candidates = await prisma.slaBreachAlert.findMany({
    where: { partnershipId: target.id, priority: { in: [...priorities] }, [field]: null, breachedAt: { gte: new Date(from), lt: new Date(to) } },
    include: { ticket: { select: { externalId: true, title: true } } },
    orderBy: [{ breachedAt: 'asc' }, { id: 'asc' }],
  })
  const mine: typeof candidates = []
  for (const row of candidates) {
    const { count } = await prisma.slaBreachAlert.updateMany({ where: { id: row.id, partnershipId: target.id, [field]: null }, data: { [field]: now } })
    if (count === 1) mine.push(row)
  }
  return mine
}

function breachLine(target: Target, appUrl: string, row: { metric: string; priority: Priority; breachedAt: Date; ticket: { externalId: string; title: string } }): BreachLine {
  const metric = row.metric as BreachLine['metric']
  const t = target.policy.targets[row.priority]
  return {
    externalId: row.ticket.externalId,
    title: row.ticket.title,
    priority: row.priority,
    metric,
    dueAt: row.breachedAt,
    targetMinutes: metric === 'response' ? t.responseMinutes : t.resolutionMinutes,
    clock: t.clock,
    url: `${appUrl}/p/${target.slug}/sla/tickets/${encodeURIComponent(row.ticket.externalId)}`,
  }
}

export interface ScanResult {
  partnerships: number
  /** Breaches recorded for the first time by this scan (all priorities). */
  detected: number
  /** P1/P2 breaches this scan alerted. */
  alerted: number
  /** Clocks found at risk (issue 11 §6) and alerted by this scan, all priorities. */
  atRisk: number
  /** Breach and at-risk messages sent. */
  messages: number
}

/**
 * Finds the breaches decided in the last `lookbackHours` (default 24) of every active partnership with a policy
 * (or of the ones named) and mails each new P1/P2 breach at once to the members who want SLA alerts. P3/P4
 * breaches are recorded for the daily digest. Clocks newly at risk (any priority) are alerted too
 * (send-sla-at-risk-alerts.server.ts). Run after ticket ingestion and on a schedule; never resends.
 */
export async function runSlaAlertScan(now = new Date(), options: { partnershipIds?: readonly string[]; lookbackHours?: number; appUrl?: string } = {}): Promise<ScanResult> {
  const since = now.getTime() - (options.lookbackHours ?? 24) * HOUR
  const appUrl = options.appUrl ?? appBaseUrl()
  const result: ScanResult = { partnerships: 0, detected: 0, alerted: 0, atRisk: 0, messages: 0 }
  for (const target of await targets(options.partnershipIds)) {
    result.partnerships++
    result.detected += await detectBreaches(target, since, now.getTime())
    const atRisk = await sendSlaAtRiskAlerts(target, now, appUrl)
    result.atRisk += atRisk.alerted
    result.messages += atRisk.messages
    const claimed = await claim(target, 'alertedAt', IMMEDIATE, since, now.getTime() + 1, now)
    if (claimed.length === 0) continue
    result.alerted += claimed.length
    const recipients = await partnershipRecipients(target, 'SLA_BREACH')
    const messages: EmailMessage[] = []
    for (const row of claimed) {
      const rendered = await slaBreachEmail({ partnershipName: target.name, timezone: target.policy.timezone, breach: breachLine(target, appUrl, row), appUrl })
      for (const r of recipients) messages.push({ ...rendered, to: r.email, kind: 'SLA_BREACH', context: { partnershipId: target.id } })
    }
    await sendEmails(messages)
    result.messages += messages.length
  }
  return result
}

export const ZDigestDay = ZDate

export interface DigestResult {
  day: string
  partnerships: number
  breaches: number
  messages: number
}

/**
 * The daily digest of one UTC day: the P3/P4 breaches decided that day, one message per partnership to each
 * member who wants the digest. Each breach is in one digest only, so running the day again sends nothing new.
 */
export async function runSlaDigest(day: string, now = new Date(), options: { appUrl?: string } = {}): Promise<DigestResult> {
  const start = Date.parse(`${ZDigestDay.parse(day)}T00:00:00Z`)
  const end = start + DAY
  const asOf = Math.min(end - 1, now.getTime())
  const appUrl = options.appUrl ?? appBaseUrl()
  const result: DigestResult = { day, partnerships: 0, breaches: 0, messages: 0 }
  if (asOf < start) return result
  for (const target of await targets()) {
    result.partnerships++
    await detectBreaches(target, start, asOf)
    const claimed = await claim(target, 'digestedAt', DIGESTED, start, end, now)
    if (claimed.length === 0) continue
    result.breaches += claimed.length
    const recipients = await partnershipRecipients(target, 'SLA_DIGEST')
    if (recipients.length === 0) continue
    const rendered = await slaDigestEmail({
      partnershipName: target.name,
      day,
      timezone: target.policy.timezone,
      breaches: claimed.map((row) => breachLine(target, appUrl, row)),
      url: `${appUrl}/p/${target.slug}/sla`,
      appUrl,
    })
    await sendEmails(recipients.map((r) => ({ ...rendered, to: r.email, kind: 'SLA_DIGEST' as const, context: { partnershipId: target.id } })))
    result.messages += recipients.length
  }
  return result
}

/**
 * The scan for one partnership right after its tickets changed (push API, CSV import). A failure here is logged and
 * left to the next scheduled scan: the tickets are stored, and the caller's request must not fail for mail.
 */
export async function scanAfterIngestion(partnershipId: string, now = new Date()): Promise<ScanResult | null> {
  try {
    return await runSlaAlertScan(now, { partnershipIds: [partnershipId] })
  } catch (error) {
    logger().warn(`[sla-alerts] scan after ingestion failed: ${error instanceof Error ? error.message : String(error)}`)
    return null
  }
}
