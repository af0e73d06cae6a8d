import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { PartnershipScope } from '../access/policy.server.ts'
import { atDiskPace } from '../http/spool-upload.server.ts'
import { scanAfterIngestion } from '../notifications/sla-alerts.server.ts'
import { AppError } from '../errors.ts'
import { UNSAFE_TEXT_MESSAGE, firstUnsafeText } from '../validation/safe-text.ts'
import { type NormalisedTicket, TicketFieldError, normaliseTicket } from './normalize-ticket.ts'
import { policyTimezone } from './policy-timezone.server.ts'
import { policyPauseStatuses } from './policy-pause-statuses.server.ts'
import { parseStatusHistoryCell, statusRules } from './status-history.ts'
import { type CsvTicketFields, csvTicketInput } from './csv-ticket-input.ts'
import { TicketStage } from './stage-tickets.server.ts'
import { loadPriorityMapping } from './upsert-tickets.server.ts'

export const CSV_COLUMNS = [
  'externalId',
  'title',
  'priority',
  'status',
  'queue',
  'assignee',
  'createdAt',
  'firstResponseAt',
  'resolvedAt',
  'pauses',
  'statusHistory',
  'escalated',
  'csat',
  'vendorResponseMet',
  'vendorResolutionMet',
  'reopens',
  'firstContact',
  'origin',
] as const
export const REQUIRED_CSV_COLUMNS = ['externalId', 'priority', 'createdAt'] as const

const CHUNK = 5000
// One record's size cap: an unterminated quote makes the rest of the file one field, which csv-parse would
// otherwise buffer whole (issue 13, D1). 1 MB is far above any real ticket row.
export const MAX_CSV_RECORD_BYTES = 1024 * 1024
const MAX_REPORTED_ERRORS = 100

export interface CsvRowError {
  line: number
  field: string
  message: string
}

export interface CsvImportSummary {
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  /** The first rejected rows (at most 100), each with its line number and field. */
  errors: CsvRowError[]
  /** Set when some timestamps had no offset and were read in `timezone`. */
  naiveTimestamps: boolean
  timezone: string
}

export interface CsvProgress {
  rows: number
  bytes: number
}

function flag(value: string | undefined, field: string): boolean | null {
  const v = (value ?? '').trim().toLowerCase()
  if (v === '') return null
  if (['true', 'yes', 'y', '1'].includes(v)) return true
  if (['false', 'no', 'n', '0'].includes(v)) return false
  throw new TicketFieldError(field, `"${value}" is not true/false`)
}

function integer(value: string | undefined, field: string): number | null {
  const v = (value ?? '').trim()
  if (v === '') return null
  if (!/^-?\d+$/.test(v)) throw new TicketFieldError(field, `"${value}" is not a whole number`)
  return Number(v)
}

/** `start/end;start/end`, an empty end for a pause still running. */
export function parsePauses(value: string | undefined): Array<[string, string | null]> {
  const v = (value ?? '').trim()
  if (!v) return []
  return v.split(';').map((part, i) => {
    const [start, end, extra] = part.split('/')
    if (!start?.trim() || extra !== undefined) throw new TicketFieldError(`pauses.${i}`, `"${part}" is not start/end`)
    return [start.trim(), end?.trim() ? end.trim() : null]
  })
}

export function rowToInput(row: Record<string, string>): CsvTicketFields {
  const optional = (k: string) => (row[k]?.trim() ? row[k].trim() : null)
  return {
    externalId: row.externalId ?? '',
    title: row.title ?? '',
    priority: row.priority ?? '',
    status: row.status ?? '',
    queue: optional('queue'),
    assignee: optional('assignee'),
    createdAt: row.createdAt ?? '',
    firstResponseAt: optional('firstResponseAt'),
    resolvedAt: optional('resolvedAt'),
    pauses: parsePauses(row.pauses),
    statusHistory: parseStatusHistoryCell(row.statusHistory),
    escalated: flag(row.escalated, 'escalated') ?? false,
    csat: integer(row.csat, 'csat'),
    vendorResponseMet: flag(row.vendorResponseMet, 'vendorResponseMet'),
    vendorResolutionMet: flag(row.vendorResolutionMet, 'vendorResolutionMet'),
    reopens: integer(row.reopens, 'reopens'),
    firstContact: flag(row.firstContact, 'firstContact'),
    origin: optional('origin')?.toLowerCase() ?? null,
  }
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim())
  // A repeated column would silently take its last value (issue 13, D21).
  const repeated = names.filter((n, i) => names.indexOf(n) !== i)
  if (repeated.length) {
    throw new AppError('BAD_REQUEST', `file: column(s) ${[...new Set(repeated)].join(', ')} appear more than once in the header`, {
      fieldErrors: [...new Set(repeated)].map((c) => ({ field: `file.${c}`, message: 'Column appears more than once' })),
    })
  }
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !names.includes(c))
  if (missing.length) {
    throw new AppError('BAD_REQUEST', `file: missing required column(s) ${missing.join(', ')}`, {
      fieldErrors: missing.map((c) => ({ field: `file.${c}`, message: 'Required column missing' })),
    })
  }
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n))
  if (unknown.length) {
    throw new AppError('BAD_REQUEST', `file: unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(',')}`, {
      fieldErrors: [{ field: 'file', message: `Unknown column(s) ${unknown.join(', ')}` }],
    })
  }
  return names
}

/**
 * Streams a CSV of tickets into the store: rows are validated one by one (a bad row is rejected with its line
 * number and field), good rows are staged in chunks of 5,000 (COPY into a temporary table), then written by one
 * upsert in one transaction (stage-tickets.server.ts): a file that fails part way writes nothing. Memory stays
 * bounded whatever the file's size (beyond the ids seen, to report repeats).
 */
export async function importTicketsCsv(
  scope: PartnershipScope,
  input: Readable | ReadableStream<Uint8Array>,
  options: { source?: string; onProgress?: (p: CsvProgress) => void } = {},
): Promise<CsvImportSummary> {
  // Its write transaction is open while it parses: it reads a local file, never a client's upload as it arrives.
  return atDiskPace(input, (file) => importFromFile(scope, file, options))
}

async function importFromFile(scope: PartnershipScope, input: Readable, options: { source?: string; onProgress?: (p: CsvProgress) => void }): Promise<CsvImportSummary> {
  const source = options.source ?? 'csv'
  const [mapping, zone, pauseStatuses] = await Promise.all([loadPriorityMapping(scope.id, source), policyTimezone(scope.id), policyPauseStatuses(scope.id)])
  const statuses = statusRules({ waiting: pauseStatuses })
  const summary: CsvImportSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], naiveTimestamps: false, timezone: zone }
  let chunk: NormalisedTicket[] = []
  let chunkLines: number[] = []
  // The line each externalId was first seen on: a repeat in the same file is a rejected row naming it (D21).
  // About 100 bytes a row, so a million-row file holds ~100 MB here at most.
  const firstLine = new Map<string, number>()
  let rows = 0
  const reject = (line: number, field: string, message: string) => {
    summary.rejected++
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line, field, message })
  }
  const onNaive = () => (summary.naiveTimestamps = true)
  // A value the database refuses costs its own row, not the file (issue 13, D8).
  const refused = (line: number) => reject(line, 'row', 'the database refused a value in this row')
  let bytes = 0
  const counts = await TicketStage.run(scope.id, source, refused, async (stage) => {
    // The upload is read from here on, with nothing awaited before the loop: a bad header raised by the parser then
    // reaches the loop, never an 'error' event nobody listens to yet.
    const stream = input instanceof Readable ? input : Readable.fromWeb(input as import('node:stream/web').ReadableStream<Uint8Array>)
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    const parser = stream.pipe(
      parse({
        columns: checkHeader,
        bom: true,
        max_record_size: MAX_CSV_RECORD_BYTES,
        // Any line end, mixed in one file (a CRLF header over LF rows is common after an edit: D21).
        record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, trim: false, relax_column_count: false, info: true }),
    )
    // pipe() does not pass a source error on: an upload cut off or over its limit must end the parse with its reason.
    stream.on('error', (error) => parser.destroy(error))
    const flush = async () => {
      await stage.add(chunk, chunkLines)
      chunk = []
      chunkLines = []
      options.onProgress?.({ rows, bytes })
    }
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        rows++
        try {
          const unsafe = Object.entries(record).find(([, value]) => firstUnsafeText(value ?? ''))
          if (unsafe) {
            reject(info.lines, unsafe[0], UNSAFE_TEXT_MESSAGE)
            continue
          }
          const parsed = csvTicketInput(rowToInput(record))
          if (!parsed.success) {
            reject(info.lines, parsed.field, parsed.message)
            continue
          }
          const seen = firstLine.get(parsed.data.externalId)
          if (seen !== undefined) {
            reject(info.lines, 'externalId', `"${parsed.data.externalId.slice(0, 120)}" repeats line ${seen}`)
            continue
          }
          chunk.push(normaliseTicket(parsed.data, { mapping, zone, statuses, onNaive }))
          chunkLines.push(info.lines)
          firstLine.set(parsed.data.externalId, info.lines)
        } catch (error) {
          if (!(error instanceof TicketFieldError)) throw error
          reject(info.lines, error.field, error.message)
        }
        if (chunk.length >= CHUNK) await flush()
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      const csvError = error as { code?: string; message: string; lines?: number }
      if (csvError.code?.startsWith('CSV_')) {
        // Nothing is written (the staged rows go with the stage); the details say how far the file got.
        throw new AppError('BAD_REQUEST', `file: line ${csvError.lines ?? '?'}: ${csvError.message}`, {
          fieldErrors: [{ field: 'file', message: csvError.message }],
          details: { ...summary, rows },
        })
      }
      throw error
    } finally {
      // A parse that stopped early lets go of the upload: the rest of it is read and dropped, not buffered (the
      // import's byte limit still ends it). Destroying the request instead reset the connection before the client
      // read the answer (the fuzz tier found it: a 400 arrived as "connection reset").
      if (!stream.readableEnded) {
        stream.unpipe()
        stream.resume()
      }
    }
    await flush()
    return stage.commit()
  })
  summary.inserted = counts.inserted
  summary.updated = counts.updated
  summary.unchanged = counts.unchanged
  options.onProgress?.({ rows, bytes })
  if (summary.inserted + summary.updated > 0) await scanAfterIngestion(scope.id)
  return summary
}
