import type { DecidedVerdict, DisputeDto, DisputeMetric } from './disputes.schemas.ts'

// Rows → DTOs. Actor labels are "Name <email>"; the thread shows the name only (the audit log keeps the address).
const nameOf = (label: string) => label.replace(/\s*<.*>$/, '')

export const DISPUTE_SELECT = {
  id: true,
  metric: true,
  status: true,
  computedVerdict: true,
  agreedVerdict: true,
  decidedAt: true,
  elapsedMinutes: true,
  targetMinutes: true,
  reason: true,
  raisedByLabel: true,
  answer: true,
  answeredByLabel: true,
  answeredAt: true,
  version: true,
  createdAt: true,
  ticket: { select: { externalId: true, source: true, title: true, priority: true } },
  events: { orderBy: { createdAt: 'asc' as const }, select: { kind: true, party: true, actorLabel: true, body: true, agreedVerdict: true, version: true, createdAt: true } },
} as const

export interface DisputeRow {
  id: string
  metric: string
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED'
  computedVerdict: string
  agreedVerdict: string | null
  decidedAt: Date
  elapsedMinutes: number
  targetMinutes: number
  reason: string
  raisedByLabel: string
  answer: string | null
  answeredByLabel: string | null
  answeredAt: Date | null
  version: number
  createdAt: Date
  ticket: { externalId: string; source: string; title: string; priority: string }
  events: Array<{ kind: string; party: 'MSP' | 'CLIENT'; actorLabel: string; body: string; agreedVerdict: string | null; version: number; createdAt: Date }>
}

export function toDisputeDto(row: DisputeRow): DisputeDto {
  return {
    id: row.id,
    ticket: row.ticket,
    metric: row.metric as DisputeMetric,
    status: row.status,
    computedVerdict: row.computedVerdict as DecidedVerdict,
    agreedVerdict: row.agreedVerdict as DecidedVerdict | null,
    decidedAt: row.decidedAt.toISOString(),
    elapsedMinutes: row.elapsedMinutes,
    targetMinutes: row.targetMinutes,
    reason: row.reason,
    raisedBy: nameOf(row.raisedByLabel),
    answer: row.answer,
    answeredBy: row.answeredByLabel === null ? null : nameOf(row.answeredByLabel),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    events: row.events.map((e) => ({
      kind: e.kind as 'RAISED' | 'ACCEPTED' | 'REJECTED',
      party: e.party,
      by: nameOf(e.actorLabel),
      body: e.body,
      agreedVerdict: e.agreedVerdict as DecidedVerdict | null,
      version: e.version,
      at: e.createdAt.toISOString(),
    })),
  }
}
