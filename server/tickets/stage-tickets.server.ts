import { randomBytes, randomUUID } from 'node:crypto'
import { bumpPartnership, withBumpsAfterTransaction } from '../cache/short-cache.ts'
import { type BulkSession, getDatabase } from '../db/client.server.ts'
import { BinaryCopyWriter } from '../db/copy-binary.ts'
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
// On PostgreSQL the transaction is open while the file streams in: each chunk is written while the next one is
// parsed, so the server's share of the work (the heap, the indexes, the roll-up triggers) runs on the other core
// instead of after the parse (ADR 022 addendum, "The CSV import writes while it parses"). There a chunk's new rows
// (no stored hash at the look-up) are COPYed straight into "Ticket", and only its changed rows are staged and upserted
// (addendum "New rows COPYed into Ticket"). On PGlite, which runs in this process and whose transaction holds its
// only connection, every chunk is staged first and one statement writes them all.

const STAGE_TYPE: Record<string, string> = { text: 'text', '"Priority"': '"Priority"', ts: 'timestamp(3)', jsonb: 'jsonb', boolean: 'boolean', int: 'int', int2: 'int2', float8: 'float8' }
const COLUMNS: ReadonlyArray<readonly [string, string]> = [...TICKET_COLUMNS, ...STORED_COLUMNS]
const NAMES = ['line', ...COLUMNS.map(([name]) => name)]

const STORED_TYPES: readonly string[] = STORED_COLUMNS.map(([, type]) => type)

/**
 * One staged row in COPY's binary format: its line, then TICKET_COLUMNS (the values ticketColumnValue gives, written
 * column by column), then the stored columns by their types. stage-tickets.test.ts reads rows back and holds them
 * equal to the generic values.
 */
export function copyRow(out: BinaryCopyWriter, line: number, t: NormalisedTicket, stored: readonly unknown[]): void {
  out.row(1 + COLUMNS.length)
  out.int4(line)
  ticketFields(out, t, stored)
}

/** The columns a new row is COPYed into "Ticket" with (PostgreSQL): the upsert's INSERT list. */
export const DIRECT_NAMES = ['id', 'partnershipId', 'source', ...COLUMNS.map(([name]) => name), 'updatedAt']

/**
 * A new row as the upsert would have inserted it, in DIRECT_NAMES's order: a random UUID as text (gen_random_uuid()'s
 * form), the partnership and source, the staged columns, and `updatedAt` the transaction's now() (µs since 2000, which
 * the timestamp(3) column rounds as the upsert's cast did).
 */
export function directRow(out: BinaryCopyWriter, partnershipId: string, source: string, t: NormalisedTicket, stored: readonly unknown[], nowMicros: bigint): void {
  out.row(DIRECT_NAMES.length)
  out.text(randomUUID())
  out.text(partnershipId)
  out.text(source)
  ticketFields(out, t, stored)
  out.timestampMicros(nowMicros)
}

function ticketFields(out: BinaryCopyWriter, t: NormalisedTicket, stored: readonly unknown[]): void {
  out.text(t.externalId)
  out.text(t.title)
  out.text(t.priority)
  out.text(t.sourcePriority)
  out.text(t.status)
  out.text(t.lifecycle)
  out.text(t.queue)
  out.text(t.assignee)
  out.timestamp(t.createdAt)
  out.timestamp(t.firstResponseAt)
  out.timestamp(t.resolvedAt)
  out.jsonb(t.pauses.length === 0 ? '[]' : JSON.stringify(t.pauses))
  out.boolean(t.escalated)
  out.int4(t.csat)
  out.boolean(t.vendorResponseMet)
  out.boolean(t.vendorResolutionMet)
  out.jsonb(t.statusSource ? statusSourceJson(t.statusSource) : null)
  out.int4(t.reopens ?? 0)
  out.boolean(t.firstContact ?? null)
  out.text(t.origin ?? null)
  out.text(t.contentHash)
  for (let c = 0; c < STORED_TYPES.length; c++) {
    const value = stored[c]
    if (value === null || value === undefined) out.null()
    else if (typeof value === 'string' && STORED_TYPES[c] === 'text') out.text(value)
    else if (typeof value !== 'number') throw new TypeError(`stored column ${STORED_COLUMNS[c][0]}: ${typeof value}`)
    else if (STORED_TYPES[c] === 'float8') out.float8(value)
    else if (STORED_TYPES[c] === 'int') out.int4(value)
    else if (STORED_TYPES[c] === 'int2') out.int2(value)
    else throw new TypeError(`stored column ${STORED_COLUMNS[c][0]}: a number for ${STORED_TYPES[c]}`)
  }
}

/** 2000-01-01T00:00:00Z in µs since 1970: PostgreSQL's timestamp epoch. */
const PG_EPOCH_MICROS = BigInt(Date.UTC(2000, 0, 1)) * 1000n

/**
 * A chunk's rows for the stage, in COPY's binary format, written into one buffer as they are made (ADR 022 addendum,
 * "The CSV import's per-row work"), with where each row starts (then the end) for the row-by-row retry after a refusal,
 * and each row's line.
 */
function stagedCopy(tickets: readonly NormalisedTicket[], lines: readonly number[], rows: readonly (readonly unknown[])[]): [Buffer, number[], readonly number[]] {
  const out = new BinaryCopyWriter(tickets.length * 512)
  const starts: number[] = []
  for (let k = 0; k < tickets.length; k++) {
    starts.push(out.size)
    copyRow(out, lines[k], tickets[k], rows[k])
  }
  starts.push(out.size)
  return [out.finish(), starts, lines]
}

export class TicketStage {
  private readonly table = `ticket_stage_${randomBytes(6).toString('hex')}`
  /** The chunk being looked up and prepared (then handed to `pending`). */
  private looking: Promise<void> = Promise.resolve()
  /** The chunk being COPYed and written. */
  private pending: Promise<void> = Promise.resolve()
  private policy: Awaited<ReturnType<typeof currentVerdictPolicy>> | undefined
  /** The newest policy version when staging started. */
  private version: number | null | undefined
  /** The newest policy version read by the writing transaction (a different one: the rows written are stale). */
  private newest: number | null | undefined
  private empty: boolean | undefined
  /** The writing transaction's now() in µs since 2000: the `updatedAt` of the rows COPYed into "Ticket". */
  private nowMicros: bigint | undefined
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
          // The chunks in flight end before the transaction is rolled back.
          await stage.settled().catch(() => {})
          throw error
        }
      }
      try {
        const result = session.concurrent ? await withBumpsAfterTransaction(() => session.transaction(settled)) : await settled()
        return { result, stale: stage.staged > 0 && (stage.newest ?? null) !== (stage.version ?? null) }
      } finally {
        await stage.settled().catch(() => {})
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
   * unchanged row is counted and dropped. The look-up, the COPY of a chunk and on PostgreSQL its upsert run while the
   * next one is parsed; at most one chunk is looked up ahead of the one being written.
   */
  async add(tickets: readonly NormalisedTicket[], lines: readonly number[]): Promise<void> {
    if (tickets.length === 0) return
    await this.looking
    this.looking = this.stageChunk(tickets, lines)
    // Awaited by the next add, commit or run's clean-up; this branch keeps a failure from being an unhandled rejection
    // meanwhile.
    this.looking.catch(() => {})
  }

  /** Everything added so far, written (or failed). */
  private async settled(): Promise<void> {
    await this.looking
    await this.pending
  }

  private async stageChunk(tickets: readonly NormalisedTicket[], lines: readonly number[]): Promise<void> {
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
    const chosenLines = fresh.map((i) => lines[i])
    const rows = storedRowsOf(this.policy ?? null, chosen)
    if (!this.session.concurrent) {
      await this.pending
      this.staged += chosen.length
      this.pending = this.copy(...stagedCopy(chosen, chosenLines, rows))
      this.pending.catch(() => {})
      return
    }
    // On PostgreSQL a row with no stored hash was not in "Ticket" when read: it is COPYed into "Ticket" itself (ADR 022
    // addendum, "New rows COPYed into Ticket"); the rest (changed rows) go through the stage and the upsert.
    const added: number[] = []
    const changed: number[] = []
    for (let k = 0; k < chosen.length; k++) (hashes.has(chosen[k].externalId) ? changed : added).push(k)
    const pick = <T>(from: readonly T[], at: readonly number[]) => at.map((k) => from[k])
    const staged = changed.length ? stagedCopy(pick(chosen, changed), pick(chosenLines, changed), pick(rows, changed)) : null
    await this.pending
    this.staged += chosen.length
    this.pending = (async () => {
      if (added.length && !(await this.insertNew(pick(chosen, added), pick(rows, added)))) {
        // Refused (a value, or a row another writer stored since the look-up): those rows go the upsert's way.
        await this.copy(...stagedCopy(pick(chosen, added), pick(chosenLines, added), pick(rows, added)))
        if (staged) await this.copy(...staged)
        return this.write()
      }
      if (staged) {
        await this.copy(...staged)
        await this.write()
      }
    })()
    this.pending.catch(() => {})
  }

  /**
   * New rows COPYed straight into "Ticket", behind a savepoint: true when every row went in, false (nothing written)
   * when the server refused the COPY. The triggers see it as they see the upsert's insert (one statement, its rows as
   * the transition table).
   */
  private async insertNew(tickets: readonly NormalisedTicket[], rows: readonly (readonly unknown[])[]): Promise<boolean> {
    if (this.nowMicros === undefined) {
      const [[micros]] = (await this.session.query(`SELECT (extract(epoch FROM now()) * 1000000)::int8::text`)) as Array<[string]>
      this.nowMicros = BigInt(micros) - PG_EPOCH_MICROS
    }
    const out = new BinaryCopyWriter(tickets.length * 600)
    for (let k = 0; k < tickets.length; k++) directRow(out, this.partnershipId, this.source, tickets[k], rows[k], this.nowMicros)
    const data = out.finish()
    bumpPartnership(this.partnershipId)
    await this.session.query('SAVEPOINT ticket_insert_copy')
    try {
      await this.session.copyFrom('"Ticket"', DIRECT_NAMES, data)
    } catch {
      await this.session.query('ROLLBACK TO SAVEPOINT ticket_insert_copy')
      return false
    } finally {
      await this.session.query('RELEASE SAVEPOINT ticket_insert_copy')
    }
    this.inserted += tickets.length
    this.written += tickets.length
    return true
  }

  /** COPY of a chunk's lines; inside the writing transaction, each attempt behind a savepoint. */
  private async copyRows(data: Buffer): Promise<void> {
    if (!this.session.concurrent) return this.session.copyFrom(this.table, NAMES, data)
    await this.session.query('SAVEPOINT ticket_stage_copy')
    try {
      await this.session.copyFrom(this.table, NAMES, data)
    } catch (error) {
      await this.session.query('ROLLBACK TO SAVEPOINT ticket_stage_copy')
      throw error
    } finally {
      await this.session.query('RELEASE SAVEPOINT ticket_stage_copy')
    }
  }

  /** COPY of a chunk (`starts`: each row's offset in `data`, then the rows' end; `lines`: each row's line). */
  private async copy(data: Buffer, starts: readonly number[], lines: readonly number[]): Promise<void> {
    try {
      await this.copyRows(data)
    } catch {
      // A value the database refuses costs its own row (issue 13, D8): the chunk again, row by row.
      for (let k = 0; k < lines.length; k++) {
        try {
          await this.copyRows(BinaryCopyWriter.alone(data.subarray(starts[k], starts[k + 1])))
        } catch {
          this.staged--
          this.onRefused(lines[k])
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
    await this.settled()
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
