import { db } from '../db/client.server.ts'

// Demo history (docs/decisions/016-reader-locale-and-demo-history.md): the seed writes workspace rows through the
// domain functions, which stamp them with the clock. To give the demo a believable past, each step runs at the real
// clock while its start is noted; at the end, every instant stamped during a step (the rows' own timestamps, field
// history, audit events, queued mail, and instants recorded inside history and audit values) is moved to that
// step's date in one pass per column. The pack's as-of readers then see the workspace as it grew.

/** Timestamp columns of a partnership's tables that the seeded steps write. */
const COLUMNS: Record<string, readonly string[]> = {
  SlaPolicy: ['createdAt'],
  ResponsibilityFunction: ['createdAt', 'updatedAt', 'deletedAt'],
  RoadmapItem: ['createdAt', 'updatedAt', 'deletedAt', 'mspApprovedAt', 'clientApprovedAt'],
  CsiEntry: ['createdAt', 'updatedAt', 'deletedAt'],
  Comment: ['createdAt'],
  FieldChange: ['at'],
  AuditEvent: ['createdAt'],
  Qbr: ['createdAt', 'updatedAt', 'deletedAt'],
  QbrAttendee: ['createdAt'],
  QbrAgendaItem: ['createdAt', 'updatedAt', 'deletedAt'],
  QbrDecision: ['createdAt', 'updatedAt', 'deletedAt'],
  QbrActionItem: ['createdAt', 'updatedAt', 'deletedAt'],
  QbrActionCarry: ['createdAt'],
  OutboxMessage: ['createdAt'],
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const FOREVER = '9999-12-31T00:00:00.000Z'
const ts = (iso: string) => `('${iso}'::timestamptz AT TIME ZONE 'UTC')`

interface Step {
  since: number
  at: Date
}

/** Steps of one partnership's history, run one after another; `apply` dates what they wrote. */
export class DemoHistory {
  private readonly steps: Step[] = []

  constructor(private readonly partnershipId: string) {}

  /** Runs `write` now; what it stamps is dated `at` by `apply`. Steps of one entity must come in date order. */
  async at<T>(at: Date, write: () => Promise<T>): Promise<T> {
    const last = this.steps.at(-1)
    // Each step starts on a millisecond of its own, so every stamp belongs to exactly one step.
    while (last && Date.now() <= last.since) await new Promise((resolve) => setTimeout(resolve, 1))
    this.steps.push({ since: Date.now(), at })
    return write()
  }

  /** Whether any step ran (else `apply` has nothing to do). */
  get empty(): boolean {
    return this.steps.length === 0
  }

  /** The instant a stamp taken during the steps stands for, or null for one taken before them. */
  private pastOf(instant: number): Date | null {
    let found: Step | null = null
    for (const s of this.steps) if (s.since <= instant) found = s
    return found?.at ?? null
  }

  private shiftValue(value: unknown): unknown {
    if (typeof value === 'string' && ISO_INSTANT.test(value)) return this.pastOf(Date.parse(value))?.toISOString() ?? value
    if (Array.isArray(value)) return value.map((v) => this.shiftValue(v))
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.shiftValue(v)]))
    return value
  }

  /** Dates everything the steps wrote at their steps' instants. Call once, after the last step. */
  async apply(): Promise<void> {
    if (this.empty) return
    const prisma = await db()
    const first = new Date(this.steps[0].since)
    const partnershipId = this.partnershipId
    // Values first (they are found by the real clock), then the columns.
    const history = await prisma.fieldChange.findMany({ where: { partnershipId, at: { gte: first } }, select: { id: true, before: true, after: true } })
    for (const h of history) {
      const before = this.shiftValue(h.before)
      const after = this.shiftValue(h.after)
      if (JSON.stringify(before) !== JSON.stringify(h.before) || JSON.stringify(after) !== JSON.stringify(h.after)) {
        await prisma.fieldChange.update({ where: { id: h.id }, data: { before: before as never, after: after as never } })
      }
    }
    const audit = await prisma.auditEvent.findMany({ where: { partnershipId, createdAt: { gte: first } }, select: { id: true, changes: true } })
    for (const a of audit) {
      const changes = this.shiftValue(a.changes)
      if (JSON.stringify(changes) !== JSON.stringify(a.changes)) await prisma.auditEvent.update({ where: { id: a.id }, data: { changes: changes as never } })
    }
    const windows = this.steps
      .map((s, i) => `(${ts(new Date(s.since).toISOString())}, ${ts(i + 1 < this.steps.length ? new Date(this.steps[i + 1].since).toISOString() : FOREVER)}, ${ts(s.at.toISOString())})`)
      .join(', ')
    // One statement per table: each column takes the date of the step whose window holds its stamp.
    for (const [table, columns] of Object.entries(COLUMNS)) {
      const set = columns
        .map((c) => `"${c}" = COALESCE((SELECT w.past FROM (VALUES ${windows}) AS w(since, until, past) WHERE t."${c}" >= w.since AND t."${c}" < w.until), t."${c}")`)
        .join(', ')
      const touched = columns.map((c) => `t."${c}" >= ${ts(first.toISOString())}`).join(' OR ')
      await prisma.$executeRawUnsafe(`UPDATE "${table}" AS t SET ${set} WHERE t."partnershipId" = $1 AND (${touched})`, partnershipId)
    }
  }
}
