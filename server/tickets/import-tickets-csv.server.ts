import { Readable } from 'node:stream'
import { type Options as CsvParseOptions, Parser } from 'csv-parse'
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

/** Where each known column sits in the file's header (-1: not in the file). */
export type CsvColumnPositions = Readonly<Record<(typeof CSV_COLUMNS)[number], number>>

export function columnPositions(header: readonly string[]): CsvColumnPositions {
  return Object.fromEntries(CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof CSV_COLUMNS)[number], number>
}

/** A record (its values in header order) as the push API's fields; an absent column reads as an empty cell. */
export function rowToInput(values: readonly string[], at: CsvColumnPositions): CsvTicketFields {
  const cell = (i: number): string | undefined => (i < 0 ? undefined : values[i])
  const optional = (i: number) => {
    const v = cell(i)?.trim()
    return v ? v : null
  }
  return {
    externalId: cell(at.externalId) ?? '',
    title: cell(at.title) ?? '',
    priority: cell(at.priority) ?? '',
    status: cell(at.status) ?? '',
    queue: optional(at.queue),
    assignee: optional(at.assignee),
    createdAt: cell(at.createdAt) ?? '',
    firstResponseAt: optional(at.firstResponseAt),
    resolvedAt: optional(at.resolvedAt),
    pauses: parsePauses(cell(at.pauses)),
    statusHistory: parseStatusHistoryCell(cell(at.statusHistory)),
    escalated: flag(cell(at.escalated), 'escalated') ?? false,
    csat: integer(cell(at.csat), 'csat'),
    vendorResponseMet: flag(cell(at.vendorResponseMet), 'vendorResponseMet'),
    vendorResolutionMet: flag(cell(at.vendorResolutionMet), 'vendorResolutionMet'),
    reopens: integer(cell(at.reopens), 'reopens'),
    firstContact: flag(cell(at.firstContact), 'firstContact'),
    origin: optional(at.origin)?.toLowerCase() ?? null,
  }
}

/**
 * csv-parse's stream, each record an array of its values with the line it ends on appended: the line the `info`
 * option reports (read at the same moment, as the record is pushed), without the info object that option builds per
 * record by spreading the parser's state (with `columns`, the record object built field by field: together a third of
 * the parse's CPU). import-tickets-csv.test.ts holds the lines equal to `info`'s.
 */
export class NumberedCsvParser extends Parser {
  override push(record: unknown, encoding?: BufferEncoding): boolean {
    if (Array.isArray(record)) record.push(this.info.lines)
    return super.push(record, encoding)
  }
}

/** The options the import parses with (the header is the first record, checked by checkHeader). */
export const csvParseOptions = (): CsvParseOptions => ({
  bom: true,
  max_record_size: MAX_CSV_RECORD_BYTES,
  // Any line end, mixed in one file (a CRLF header over LF rows is common after an edit: D21).
  record_delimiter: ['\r\n', '\n', '\r'],
  skip_empty_lines: true,
  trim: false,
  relax_column_count: false,
  columns: false,
})

/**
 * A parse error's message as the import reports it. Parsed as arrays, a row of the wrong length is put in the words
 * csv-parse used when it read the header itself (`columns`): the expected length is the header's either way.
 */
export function csvErrorMessage(error: { code?: string; message: string }): string {
  return error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? error.message.replace(/^Invalid Record Length: expect /, 'Invalid Record Length: columns length is ') : error.message
}

// Only a value with one of these characters can fail firstUnsafeText (a NUL, or a surrogate without its pair).
const MAYBE_UNSAFE = /[\u0000\ud800-\udfff]/

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
    // The file is read from here on, with nothing awaited before the loop: a bad header raised by the parser then
    // reaches the loop, never an 'error' event nobody listens to yet.
    const stream = input
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    const parser = stream.pipe(new NumberedCsvParser(csvParseOptions()))
    // pipe() does not pass a source error on: an upload cut off or over its limit must end the parse with its reason.
    stream.on('error', (error) => parser.destroy(error))
    const flush = async () => {
      await stage.add(chunk, chunkLines)
      chunk = []
      chunkLines = []
      options.onProgress?.({ rows, bytes })
    }
    let names: string[] | null = null
    let at: CsvColumnPositions | null = null
    try {
      for await (const values of parser as AsyncIterable<string[]>) {
        // The line number csv-parse counted, appended by NumberedCsvParser.
        const line = values.pop() as unknown as number
        if (names === null || at === null) {
          names = checkHeader(values)
          at = columnPositions(names)
          continue
        }
        rows++
        try {
          let unsafe = -1
          for (let i = 0; i < values.length; i++) {
            if (MAYBE_UNSAFE.test(values[i]) && firstUnsafeText(values[i])) {
              unsafe = i
              break
            }
          }
          if (unsafe >= 0) {
            reject(line, names[unsafe], UNSAFE_TEXT_MESSAGE)
            continue
          }
          const parsed = csvTicketInput(rowToInput(values, at))
          if (!parsed.success) {
            reject(line, parsed.field, parsed.message)
            continue
          }
          const seen = firstLine.get(parsed.data.externalId)
          if (seen !== undefined) {
            reject(line, 'externalId', `"${parsed.data.externalId.slice(0, 120)}" repeats line ${seen}`)
            continue
          }
          chunk.push(normaliseTicket(parsed.data, { mapping, zone, statuses, onNaive }))
          chunkLines.push(line)
          firstLine.set(parsed.data.externalId, line)
        } catch (error) {
          if (!(error instanceof TicketFieldError)) throw error
          reject(line, error.field, error.message)
        }
        if (chunk.length >= CHUNK) await flush()
      }
    } catch (error) {
      if (error instanceof AppError) throw error
      const csvError = error as { code?: string; message: string; lines?: number }
      if (csvError.code?.startsWith('CSV_')) {
        const message = csvErrorMessage(csvError)
        // Nothing is written (the staged rows go with the stage); the details say how far the file got.
        throw new AppError('BAD_REQUEST', `file: line ${csvError.lines ?? '?'}: ${message}`, {
          fieldErrors: [{ field: 'file', message }],
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
