import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { PartnershipScope } from '../access/policy.server.ts'
import { atDiskPace } from '../http/spool-upload.server.ts'
import { bumpPartnership } from '../cache/short-cache.ts'
import { type Tx, db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { TicketFieldError, readTimestamp } from '../tickets/normalize-ticket.ts'
import { MAX_CSV_RECORD_BYTES } from '../tickets/import-tickets-csv.server.ts'
import { policyTimezone } from '../tickets/policy-timezone.server.ts'
import { UNSAFE_TEXT_MESSAGE, firstUnsafeText } from '../validation/safe-text.ts'
import { ZMetricSample } from './metrics.schemas.ts'

// Metric samples from CSV (ADR 024): `metric,at,value[,source]`, streamed, upserted in batches by (partnership,
// metric, at). All or nothing: a file with a bad row is refused whole (400 naming each bad line and field), so a
// fixed file re-imported gives the same store as a good one imported once.

export const METRIC_CSV_COLUMNS = ['metric', 'at', 'value', 'source'] as const
const REQUIRED = ['metric', 'at', 'value'] as const
const BATCH = 1000
const MAX_REPORTED_ERRORS = 100
const ZSource = /^[a-z][a-z0-9_-]{1,39}$/

export interface MetricCsvSummary {
  rows: number
  inserted: number
  updated: number
  unchanged: number
  metrics: string[]
  timezone: string
  naiveTimestamps: boolean
}

interface Sample {
  metric: string
  at: string
  value: number
  source: string
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim())
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  const missing = REQUIRED.filter((c) => !names.includes(c))
  const unknown = names.filter((n) => !(METRIC_CSV_COLUMNS as readonly string[]).includes(n))
  const fieldErrors = [
    ...repeated.map((c) => ({ field: `file.${c}`, message: 'Column appears more than once' })),
    ...missing.map((c) => ({ field: `file.${c}`, message: 'Required column missing' })),
    ...unknown.map((c) => ({ field: `file.${c}`, message: `Unknown column; expected ${METRIC_CSV_COLUMNS.join(',')}` })),
  ]
  if (fieldErrors.length) throw new AppError('BAD_REQUEST', `file: ${fieldErrors.map((e) => `${e.field.slice(5)}: ${e.message}`).join('; ')}`, { fieldErrors })
  return names
}

async function upsertSamples(tx: Tx, partnershipId: string, samples: readonly Sample[]) {
  // The last sample of a (metric, instant) in a batch wins, as if sent one by one.
  const rows = [...new Map(samples.map((s) => [`${s.metric}|${s.at}`, s])).values()]
  const result = await tx.$queryRawUnsafe<Array<{ inserted: boolean }>>(
    `INSERT INTO "MetricSample" ("id", "partnershipId", "metric", "scope", "at", "value", "source")
       SELECT gen_random_uuid()::text, $1::text, u.m, '', (u.a::timestamptz AT TIME ZONE 'UTC'), u.v, u.s
         FROM unnest($2::text[], $3::text[], $4::float8[], $5::text[]) AS u(m, a, v, s)
     ON CONFLICT ("partnershipId", "metric", "scope", "at") DO UPDATE SET "value" = EXCLUDED."value", "source" = EXCLUDED."source"
       WHERE ("MetricSample"."value", "MetricSample"."source") IS DISTINCT FROM (EXCLUDED."value", EXCLUDED."source")
     RETURNING (xmax = 0) AS inserted`,
    partnershipId,
    rows.map((r) => r.metric),
    rows.map((r) => r.at),
    rows.map((r) => r.value),
    rows.map((r) => r.source),
  )
  const inserted = result.filter((r) => r.inserted).length
  return { inserted, updated: result.length - inserted, unchanged: rows.length - result.length }
}

class RowErrors extends Error {}

export async function importMetricsCsv(scope: PartnershipScope, input: Readable | ReadableStream<Uint8Array>, options: { source?: string } = {}): Promise<MetricCsvSummary> {
  // All or nothing in one transaction, open while it parses: it reads a local file, never a client's upload as it
  // arrives (a stalled client would hold the samples it wrote locked, and a connection, for the transaction's 5 minutes).
  return atDiskPace(input, (file) => importFromFile(scope, file, options))
}

async function importFromFile(scope: PartnershipScope, input: Readable, options: { source?: string }): Promise<MetricCsvSummary> {
  const zone = await policyTimezone(scope.id)
  const summary: MetricCsvSummary = { rows: 0, inserted: 0, updated: 0, unchanged: 0, metrics: [], timezone: zone, naiveTimestamps: false }
  const errors: Array<{ line: number; field: string; message: string }> = []
  let rejected = 0
  const metrics = new Set<string>()
  const stream = input
  const parser = stream.pipe(parse({ columns: checkHeader, bom: true, max_record_size: MAX_CSV_RECORD_BYTES, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, info: true }))
  stream.on('error', (error) => parser.destroy(error))
  // The loop below reads the parser's errors (a bad header, a record too long). One raised before the loop starts,
  // while the transaction opens, would otherwise be an uncaught exception that takes the process down: the fuzz
  // tier found it with a bad header on PostgreSQL. The iterator still throws it once the loop starts.
  parser.on('error', () => {})
  const reject = (line: number, field: string, message: string) => {
    rejected++
    if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, field, message })
  }
  const prisma = await db()
  try {
    await prisma.$transaction(
      async (tx) => {
        let batch: Sample[] = []
        const flush = async () => {
          // Once a row is bad nothing is written: the rest is only validated, to name every bad line.
          if (rejected === 0 && batch.length) {
            const c = await upsertSamples(tx, scope.id, batch)
            summary.inserted += c.inserted
            summary.updated += c.updated
            summary.unchanged += c.unchanged
          }
          batch = []
        }
        for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
          summary.rows++
          const unsafe = Object.entries(record).find(([, value]) => firstUnsafeText(value ?? ''))
          if (unsafe) {
            reject(info.lines, unsafe[0], UNSAFE_TEXT_MESSAGE)
            continue
          }
          const text = (record.value ?? '').trim()
          const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN
          if (Number.isNaN(value)) {
            reject(info.lines, 'value', `"${text.slice(0, 40)}" is not a number`)
            continue
          }
          const source = (record.source ?? '').trim() || (options.source ?? 'csv')
          if (!ZSource.test(source)) {
            reject(info.lines, 'source', 'Use a short lower-case name like csv or rmm')
            continue
          }
          let at: string
          try {
            at = readTimestamp(record.at ?? '', 'at', zone, () => (summary.naiveTimestamps = true)).toISOString()
          } catch (error) {
            if (!(error instanceof TicketFieldError)) throw error
            reject(info.lines, error.field, error.message)
            continue
          }
          const parsed = ZMetricSample.safeParse({ metric: record.metric ?? '', at, value })
          if (!parsed.success) {
            const issue = parsed.error.issues[0]
            reject(info.lines, issue.path.join('.') || 'row', issue.message)
            continue
          }
          metrics.add(parsed.data.metric)
          batch.push({ metric: parsed.data.metric, at, value: parsed.data.value, source })
          if (batch.length >= BATCH) await flush()
        }
        await flush()
        if (rejected) throw new RowErrors()
      },
      { timeout: 300_000 },
    )
  } catch (error) {
    if (error instanceof RowErrors) {
      const first = errors[0]
      throw new AppError('BAD_REQUEST', `line ${first.line}: ${first.field}: ${first.message}${rejected > 1 ? ` (and ${rejected - 1} more bad row(s)); nothing was imported` : '; nothing was imported'}`, {
        fieldErrors: errors.map((e) => ({ field: `line ${e.line}.${e.field}`, message: e.message })),
        details: { errors, rejected, rows: summary.rows },
      })
    }
    if (error instanceof AppError) throw error
    const csvError = error as { code?: string; message: string; lines?: number }
    if (csvError.code?.startsWith('CSV_')) {
      throw new AppError('BAD_REQUEST', `file: line ${csvError.lines ?? '?'}: ${csvError.message}; nothing was imported`, { fieldErrors: [{ field: 'file', message: csvError.message }] })
    }
    throw error
  } finally {
    if (!stream.readableEnded) {
      stream.unpipe()
      stream.resume()
    }
  }
  summary.metrics = [...metrics].sort()
  if (summary.inserted + summary.updated > 0) bumpPartnership(scope.id)
  return summary
}
