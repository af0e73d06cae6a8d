import { randomBytes } from 'node:crypto'
import { bumpPartnership, withBumpsAfterTransaction } from '../cache/short-cache.ts'
import { type BulkSession, getDatabase } from '../db/client.server.ts'
import { requestReevaluation } from '../sla/stored/reevaluate-verdicts.server.ts'
import { STORED_COLUMNS } from '../sla/stored/stored-verdicts.ts'
import { currentVerdictPolicy, storedRowsOf } from '../sla/stored/verdict-policy.server.ts'
import type { NormalisedTicket } from './normalize-ticket.ts'
import { TICKET_COLUMNS, type UpsertCounts, ticketColumnValue } from './upsert-tickets.server.ts'

// A bulk write of tickets (the CSV import): new and changed rows are COPYed into a temporary table of one session
// as the file streams in, then written to "Ticket" by one INSERT … ON CONFLICT in one transaction. Nothing reaches
// "Ticket" before that statement, so a file that fails part way writes nothing. Rows whose content hash is already
// stored are counted unchanged as they arrive and are neither evaluated nor staged (a re-import reads, never writes).

const STAGE_TYPE: Record<string, string> = { text: 'text', '"Priority"': '"Priority"', ts: 'timestamp(3)', jsonb: 'jsonb', boolean: 'boolean', int: 'int', int2: 'int2', float8: 'float8' }
const COLUMNS: ReadonlyArray<readonly [string, string]> = [...TICKET_COLUMNS, ...STORED_COLUMNS]
const NAMES = ['line', ...COLUMNS.map(([name]) => name)]

/** A value in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  const text = String(value)
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text
}

function copyLine(line: number, ticket: NormalisedTicket, stored: readonly unknown[]): string {
  let out = String(line)
  for (const [key] of TICKET_COLUMNS) {
    const value = ticket[key]
    // A timestamp column: the UTC wall time (the column has no zone, as Prisma's DateTime).
    out += '\t' + (value instanceof Date ? value.toISOString().slice(0, 23) : copyText(ticketColumnValue(ticket, key)))
  }
  for (const value of stored) out += '\t' + copyText(value)
  return out + '\n'
}

export class TicketStage {
  private readonly table = `ticket_stage_${randomBytes(6).toString('hex')}`
  private pending: Promise<void> = Promise.resolve()
  private policy: Awaited<ReturnType<typeof currentVerdictPolicy>> | undefined
  /** The newest policy version when staging started. */
  private version: number | null | undefined
  private empty: boolean | undefined
  staged = 0
  unchanged = 0

  private constructor(
    private readonly session: BulkSession,
    private readonly partnershipId: string,
    private readonly source: string,
    private readonly onRefused: (line: number) => void,
  ) {}

  /** Opens a stage on a session of its own for `run`; the staging table is dropped however `run` ends. */
  static async run<T>(partnershipId: string, source: string, onRefused: (line: number) => void, run: (stage: TicketStage) => Promise<T>): Promise<T> {
    const database = await getDatabase()
    return database.bulkSession(async (session) => {
      const stage = new TicketStage(session, partnershipId, source, onRefused)
      await session.query(`CREATE TEMP TABLE ${stage.table} (${['line int', ...COLUMNS.map(([name, type]) => `"${name}" ${STAGE_TYPE[type]}`)].join(', ')})`)
      try {
        return await run(stage)
      } finally {
        await stage.pending.catch(() => {})
        await session.query(`DROP TABLE IF EXISTS ${stage.table}`)
      }
    })
  }

  /**
   * Stages a chunk of validated tickets (their lines beside them). The chunk's stored hashes are read first: an
   * unchanged row is counted and dropped. The COPY of a chunk runs while the next one is parsed.
   */
  async add(tickets: readonly NormalisedTicket[], lines: readonly number[]): Promise<void> {
    if (tickets.length === 0) return
    const database = await getDatabase()
    // A source with no ticket yet (a first import) has no hash to compare: its chunks skip the look-up. A row another
    // writer stores meanwhile is still compared by the final statement.
    if (this.empty === undefined) {
      this.empty = (await database.queryArrays(`SELECT 1 FROM "Ticket" WHERE "partnershipId" = $1 AND "source" = $2 LIMIT 1`, [this.partnershipId, this.source])).length === 0
    }
    // Through the pool on PostgreSQL, so it runs beside the previous chunk's COPY on the session.
    const stored = this.empty ? [] : (await database.queryArrays(
      `SELECT "externalId", "contentHash" FROM "Ticket" WHERE "partnershipId" = $1 AND "source" = $2 AND "externalId" = ANY($3::text[])`,
      [this.partnershipId, this.source, tickets.map((t) => t.externalId)],
    )) as Array<[string, string]>
    const hashes = new Map(stored)
    const fresh: number[] = []
    for (let i = 0; i < tickets.length; i++) {
      if (hashes.get(tickets[i].externalId) === tickets[i].contentHash) this.unchanged++
      else fresh.push(i)
    }
    if (fresh.length === 0) return
    // The newest policy when staging starts: one saved before the final statement commits is caught up then.
    if (this.version === undefined) {
      // The newest version saved, whether or not it still passes the policy rules (then nothing is evaluated).
      const [[newest]] = (await database.queryArrays(`SELECT max("version") FROM "SlaPolicy" WHERE "partnershipId" = $1`, [this.partnershipId])) as Array<[number | null]>
      // Read before the policy: a version saved between the two reads is then caught up after the commit.
      this.version = newest
      this.policy = await currentVerdictPolicy(database.prisma, this.partnershipId)
    }
    const chosen = fresh.map((i) => tickets[i])
    const rows = storedRowsOf(this.policy ?? null, chosen)
    const text = chosen.map((t, k) => copyLine(lines[fresh[k]], t, rows[k]))
    await this.pending
    this.staged += chosen.length
    this.pending = this.copy(text)
  }

  private async copy(lines: string[]): Promise<void> {
    try {
      await this.session.copyFrom(this.table, NAMES, lines.join(''))
    } catch {
      // A value the database refuses costs its own row (issue 13, D8): the chunk again, row by row.
      for (const line of lines) {
        try {
          await this.session.copyFrom(this.table, NAMES, line)
        } catch {
          this.staged--
          this.onRefused(Number(line.slice(0, line.indexOf('\t'))))
        }
      }
    }
  }

  /** Writes every staged row to "Ticket" in one statement and one transaction; rows already equal stay untouched. */
  async commit(): Promise<UpsertCounts> {
    await this.pending
    if (this.staged === 0) return { inserted: 0, updated: 0, unchanged: this.unchanged }
    const names = COLUMNS.map(([name]) => `"${name}"`).join(', ')
    const updates = [...COLUMNS.map(([name]) => name), 'updatedAt'].map((k) => `"${k}" = EXCLUDED."${k}"`).join(', ')
    const [[inserted, written, newest]] = (await withBumpsAfterTransaction(() =>
      this.session.transaction(async (query) => {
        bumpPartnership(this.partnershipId)
        return query(
          `WITH written AS (
             INSERT INTO "Ticket" ("id", "partnershipId", "source", ${names}, "updatedAt")
             SELECT gen_random_uuid()::text, $1::text, $2::text, ${names}, now() AT TIME ZONE 'UTC' FROM ${this.table}
             ON CONFLICT ("partnershipId", "source", "externalId") DO UPDATE SET ${updates}
             WHERE "Ticket"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"
             RETURNING (xmax = 0) AS inserted)
           SELECT (SELECT count(*) FILTER (WHERE inserted) FROM written)::int, (SELECT count(*) FROM written)::int,
                  (SELECT max("version") FROM "SlaPolicy" WHERE "partnershipId" = $1)`,
          [this.partnershipId, this.source],
        )
      }),
    )) as Array<[number, number, number | null]>
    // A policy saved while the file streamed in: the rows just written carry the previous version's verdicts, so
    // they are stale and re-evaluated as after any policy change.
    if ((newest ?? null) !== (this.version ?? null)) await requestReevaluation(this.partnershipId)
    return { inserted, updated: written - inserted, unchanged: this.unchanged + this.staged - written }
  }
}
