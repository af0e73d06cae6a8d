import { randomBytes } from 'node:crypto'
import { bumpPartnership, withBumpsAfterTransaction } from '../cache/short-cache.ts'
import { type BulkSession, getDatabase } from '../db/client.server.ts'
import { requestReevaluation } from '../sla/stored/reevaluate-verdicts.server.ts'
import { STORED_COLUMNS } from '../sla/stored/stored-verdicts.ts'
import { currentVerdictPolicy, storedRowsOf } from '../sla/stored/verdict-policy.server.ts'
import { type NormalisedTicket, statusSourceJson } from './normalize-ticket.ts'
import { TICKET_COLUMNS, type UpsertCounts } from './upsert-tickets.server.ts'

// A bulk write of tickets (the CSV import): new and changed rows are COPYed into a temporary table of one session
// as the file streams in, and written to "Ticket" by INSERT … ON CONFLICT in one transaction, so a file that fails
// part way writes nothing. Rows whose content hash is already stored are counted unchanged as they arrive and are
// neither evaluated nor staged (a re-import reads, never writes).
//
// On PostgreSQL the transaction is open while the file streams in: each chunk is COPYed and upserted while the next
// one is parsed, so the server's share of the work (the heap, six indexes, the roll-up triggers) runs on the other
// core instead of after the parse (ADR 022 addendum, "The CSV import writes while it parses"). On PGlite, which runs in this process
// and whose transaction holds its only connection, every chunk is staged first and one statement writes them all.

const STAGE_TYPE: Record<string, string> = { text: 'text', '"Priority"': '"Priority"', ts: 'timestamp(3)', jsonb: 'jsonb', boolean: 'boolean', int: 'int', int2: 'int2', float8: 'float8' }
const COLUMNS: ReadonlyArray<readonly [string, string]> = [...TICKET_COLUMNS, ...STORED_COLUMNS]
const NAMES = ['line', ...COLUMNS.map(([name]) => name)]

/** A text in COPY's text format: \N for null; backslash, tab, newline and carriage return escaped. */
function copyString(text: string | null | undefined): string {
  if (text === null || text === undefined) return '\\N'
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text
}

const copyBoolean = (value: boolean | null | undefined) => (value === null || value === undefined ? '\\N' : value ? 't' : 'f')
const copyNumber = (value: number | null | undefined) => (value === null || value === undefined ? '\\N' : String(value))
/** A timestamp column: the UTC wall time (the column has no zone, as Prisma's DateTime). */
const copyTimestamp = (value: Date | null) => (value === null ? '\\N' : value.toISOString().slice(0, 23))

/**
 * One staged row in COPY's text format: its line, then TICKET_COLUMNS (the values ticketColumnValue gives, written out
 * column by column: the generic loop over the columns was a tenth of an import's CPU), then the stored columns.
 * stage-tickets.test.ts holds it equal to the generic form.
 */
export function copyLine(line: number, t: NormalisedTicket, stored: readonly unknown[]): string {
  let out = `${line}\t${copyString(t.externalId)}\t${copyString(t.title)}\t${copyString(t.priority)}\t${copyString(t.sourcePriority)}\t${copyString(t.status)}\t${copyString(t.lifecycle)}\t${copyString(t.queue)}\t${copyString(t.assignee)}\t${copyTimestamp(t.createdAt)}\t${copyTimestamp(t.firstResponseAt)}\t${copyTimestamp(t.resolvedAt)}\t${t.pauses.length === 0 ? '[]' : copyString(JSON.stringify(t.pauses))}\t${copyBoolean(t.escalated)}\t${copyNumber(t.csat)}\t${copyBoolean(t.vendorResponseMet)}\t${copyBoolean(t.vendorResolutionMet)}\t${t.statusSource ? copyString(statusSourceJson(t.statusSource)) : '\\N'}\t${copyNumber(t.reopens ?? 0)}\t${copyBoolean(t.firstContact)}\t${copyString(t.origin)}\t${copyString(t.contentHash)}`
  for (const value of stored) out += '\t' + (typeof value === 'number' ? String(value) : typeof value === 'string' ? copyString(value) : typeof value === 'boolean' ? copyBoolean(value) : '\\N')
  return out + '\n'
}

export class TicketStage {
  private readonly table = `ticket_stage_${randomBytes(6).toString('hex')}`
  private pending: Promise<void> = Promise.resolve()
  private policy: Awaited<ReturnType<typeof currentVerdictPolicy>> | undefined
  /** The newest policy version when staging started. */
  private version: number | null | undefined
  /** The newest policy version read by the writing transaction (a different one: the rows written are stale). */
  private newest: number | null | undefined
  private empty: boolean | undefined
  staged = 0
  unchanged = 0
  private inserted = 0
  private written = 0

  private constructor(
    private readonly session: BulkSession,
    private readonly partnershipId: string,
    private readonly source: string,
    private readonly onRefused: (line: number) => void,
  ) {}

  /**
   * Opens a stage on a session of its own for `run`, which adds the file's chunks and ends with `commit`; the staging
   * table is dropped however `run` ends. On PostgreSQL `run` is inside the writing transaction.
   */
  static async run<T>(partnershipId: string, source: string, onRefused: (line: number) => void, run: (stage: TicketStage) => Promise<T>): Promise<T> {
    const database = await getDatabase()
    const { result, stale } = await database.bulkSession(async (session) => {
      const stage = new TicketStage(session, partnershipId, source, onRefused)
      await session.query(`CREATE TEMP TABLE ${stage.table} (${['line int', ...COLUMNS.map(([name, type]) => `"${name}" ${STAGE_TYPE[type]}`)].join(', ')})`)
      const settled = async () => {
        try {
          return await run(stage)
        } catch (error) {
          // The chunk in flight ends before the transaction is rolled back.
          await stage.pending.catch(() => {})
          throw error
        }
      }
      try {
        const result = session.concurrent ? await withBumpsAfterTransaction(() => session.transaction(settled)) : await settled()
        return { result, stale: stage.staged > 0 && (stage.newest ?? null) !== (stage.version ?? null) }
      } finally {
        await stage.pending.catch(() => {})
        await session.query(`DROP TABLE IF EXISTS ${stage.table}`)
      }
    })
    // A policy saved while the file streamed in: the rows just written carry the previous version's verdicts, so
    // they are stale and re-evaluated as after any policy change (once they are committed).
    if (stale) await requestReevaluation(partnershipId)
    return result
  }

  /**
   * Stages a chunk of validated tickets (their lines beside them). The chunk's stored hashes are read first: an
   * unchanged row is counted and dropped. The COPY of a chunk (and on PostgreSQL its upsert) runs while the next one
   * is parsed.
   */
  async add(tickets: readonly NormalisedTicket[], lines: readonly number[]): Promise<void> {
    if (tickets.length === 0) return
    const database = await getDatabase()
    // A source with no ticket yet (a first import) has no hash to compare: its chunks skip the look-up. A row another
    // writer stores meanwhile is still compared by the upsert.
    if (this.empty === undefined) {
      this.empty = (await database.queryArrays(`SELECT 1 FROM "Ticket" WHERE "partnershipId" = $1 AND "source" = $2 LIMIT 1`, [this.partnershipId, this.source])).length === 0
    }
    // Through the pool on PostgreSQL, so it runs beside the previous chunk's write on the session (it reads the
    // committed rows: this file's own are never compared, a repeated externalId being a rejected row).
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
    // The newest policy when staging starts: one saved before the write commits is caught up then.
    if (this.version === undefined) {
      // The newest version saved, whether or not it still passes the policy rules (then nothing is evaluated).
      const [[newest]] = (await database.queryArrays(`SELECT max("version") FROM "SlaPolicy" WHERE "partnershipId" = $1`, [this.partnershipId])) as Array<[number | null]>
      // Read before the policy: a version saved between the two reads is then caught up after the commit.
      this.version = newest
      this.policy = await currentVerdictPolicy(database.prisma, this.partnershipId)
    }
    const chosen = fresh.map((i) => tickets[i])
    const rows = storedRowsOf(this.policy ?? null, chosen)
    // Each line is written to one buffer as soon as it is made: a chunk held as one string was a rope of ~50 pieces a
    // row until COPY flattened it, which the collector copied from generation to generation (half of this step's CPU).
    let data = Buffer.allocUnsafe(chosen.length * 1024)
    let size = 0
    for (let k = 0; k < chosen.length; k++) {
      const line = copyLine(lines[fresh[k]], chosen[k], rows[k])
      // At most 3 bytes of UTF-8 for each UTF-16 unit.
      if (size + line.length * 3 > data.length) {
        const bigger = Buffer.allocUnsafe(Math.max(data.length * 2, size + line.length * 3))
        data.copy(bigger, 0, 0, size)
        data = bigger
      }
      size += data.write(line, size)
    }
    await this.pending
    this.staged += chosen.length
    this.pending = this.copy(data.subarray(0, size)).then(() => (this.session.concurrent ? this.write() : undefined))
  }

  /** COPY of a chunk's lines; inside the writing transaction, each attempt behind a savepoint. */
  private async copyRows(text: Buffer): Promise<void> {
    if (!this.session.concurrent) return this.session.copyFrom(this.table, NAMES, text)
    await this.session.query('SAVEPOINT ticket_stage_copy')
    try {
      await this.session.copyFrom(this.table, NAMES, text)
    } catch (error) {
      await this.session.query('ROLLBACK TO SAVEPOINT ticket_stage_copy')
      throw error
    } finally {
      await this.session.query('RELEASE SAVEPOINT ticket_stage_copy')
    }
  }

  private async copy(data: Buffer): Promise<void> {
    try {
      await this.copyRows(data)
    } catch {
      // A value the database refuses costs its own row (issue 13, D8): the chunk again, row by row (a line ends at
      // its one raw newline: COPY's text format escapes those inside values).
      for (let start = 0; start < data.length; ) {
        const end = data.indexOf(0x0a, start) + 1
        const line = data.subarray(start, end)
        start = end
        try {
          await this.copyRows(line)
        } catch {
          this.staged--
          this.onRefused(Number(line.subarray(0, line.indexOf(0x09)).toString()))
        }
      }
    }
  }

  /** INSERT … ON CONFLICT of the staged rows: rows already equal stay untouched. */
  private upsertSql(): string {
    const names = COLUMNS.map(([name]) => `"${name}"`).join(', ')
    const updates = [...COLUMNS.map(([name]) => name), 'updatedAt'].map((k) => `"${k}" = EXCLUDED."${k}"`).join(', ')
    return `WITH written AS (
             INSERT INTO "Ticket" ("id", "partnershipId", "source", ${names}, "updatedAt")
             SELECT gen_random_uuid()::text, $1::text, $2::text, ${names}, now() AT TIME ZONE 'UTC' FROM ${this.table}
             ON CONFLICT ("partnershipId", "source", "externalId") DO UPDATE SET ${updates}
             WHERE "Ticket"."contentHash" IS DISTINCT FROM EXCLUDED."contentHash"
             RETURNING (xmax = 0) AS inserted)
           SELECT (SELECT count(*) FILTER (WHERE inserted) FROM written)::int, (SELECT count(*) FROM written)::int,
                  (SELECT max("version") FROM "SlaPolicy" WHERE "partnershipId" = $1)`
  }

  /** Inside the writing transaction (PostgreSQL): the staged chunk to "Ticket", then the stage emptied for the next. */
  private async write(): Promise<void> {
    bumpPartnership(this.partnershipId)
    const [[inserted, written, newest]] = (await this.session.query(this.upsertSql(), [this.partnershipId, this.source])) as Array<[number, number, number | null]>
    await this.session.query(`TRUNCATE ${this.table}`)
    this.inserted += inserted
    this.written += written
    this.newest = newest
  }

  /** Writes what is staged and counts; on PGlite one statement in one transaction writes every staged row. */
  async commit(): Promise<UpsertCounts> {
    await this.pending
    if (this.staged > 0 && !this.session.concurrent) {
      const [[inserted, written, newest]] = (await withBumpsAfterTransaction(() =>
        this.session.transaction(async (query) => {
          bumpPartnership(this.partnershipId)
          return query(this.upsertSql(), [this.partnershipId, this.source])
        }),
      )) as Array<[number, number, number | null]>
      this.inserted = inserted
      this.written = written
      this.newest = newest
    } else if (this.staged > 0) {
      // The newest version as the transaction ends (the last chunk may have been written long before).
      const [[newest]] = (await this.session.query(`SELECT max("version") FROM "SlaPolicy" WHERE "partnershipId" = $1`, [this.partnershipId])) as Array<[number | null]>
      this.newest = newest
    }
    return { inserted: this.inserted, updated: this.written - this.inserted, unchanged: this.unchanged + this.staged - this.written }
  }
}
