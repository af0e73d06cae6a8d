import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { UNSAFE_TEXT_MESSAGE, firstUnsafeText } from '../validation/safe-text.ts'
import { type AssetInput, ZAssetInput } from './assets.schemas.ts'
import { upsertAssetBatch } from './upsert-assets.server.ts'

export const ASSET_CSV_COLUMNS = ['externalId', 'name', 'type', 'model', 'serial', 'assignedUser', 'site', 'purchaseDate', 'warrantyEnd', 'endOfLife', 'replacementCost', 'currency', 'retired'] as const
const REQUIRED = ['externalId', 'name'] as const
const BATCH = 500
const MAX_RECORD_BYTES = 64 * 1024
const MAX_REPORTED_ERRORS = 100

export interface AssetCsvSummary {
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errors: Array<{ line: number; field: string; message: string }>
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim())
  const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))]
  const missing = REQUIRED.filter((c) => !names.includes(c))
  const unknown = names.filter((n) => !(ASSET_CSV_COLUMNS as readonly string[]).includes(n))
  const problem = repeated.length
    ? `column(s) ${repeated.join(', ')} appear more than once in the header`
    : missing.length
      ? `missing required column(s) ${missing.join(', ')}`
      : unknown.length
        ? `unknown column(s) ${unknown.join(', ')}; expected ${ASSET_CSV_COLUMNS.join(',')}`
        : null
  if (problem) throw new AppError('BAD_REQUEST', `file: ${problem}`, { fieldErrors: [{ field: 'file', message: problem }] })
  return names
}

function rowToInput(row: Record<string, string>) {
  const v = (k: string) => row[k]?.trim() ?? ''
  const cost = v('replacementCost').replace(/[,\s]/g, '')
  return {
    externalId: v('externalId'),
    name: v('name'),
    type: v('type'),
    model: v('model'),
    serial: v('serial'),
    assignedUser: v('assignedUser'),
    site: v('site'),
    purchaseDate: v('purchaseDate') || null,
    warrantyEnd: v('warrantyEnd') || null,
    endOfLife: v('endOfLife') || null,
    replacementCost: cost === '' ? 0 : /^\d+(\.\d+)?$/.test(cost) ? Number(cost) : cost,
    currency: v('currency') || undefined,
    retired: ['true', 'yes', 'y', '1'].includes(v('retired').toLowerCase()),
  }
}

/**
 * Streams a CSV of assets into the store (source `csv`): rows validated one by one (a bad row is rejected with its
 * line and field), good rows upserted by externalId in batches of 500, each in one transaction; memory stays
 * bounded. A re-import of the same file writes nothing.
 */
export async function importAssetsCsv(scope: PartnershipScope, actor: Actor, input: Readable | ReadableStream<Uint8Array>): Promise<AssetCsvSummary> {
  const prisma = await db()
  const summary: AssetCsvSummary = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] }
  const stream = input instanceof Readable ? input : Readable.fromWeb(input as import('node:stream/web').ReadableStream<Uint8Array>)
  const parser = stream.pipe(parse({ columns: checkHeader, bom: true, max_record_size: MAX_RECORD_BYTES, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: true, info: true }))
  stream.on('error', (error) => parser.destroy(error))
  const reject = (line: number, field: string, message: string) => {
    summary.rejected++
    if (summary.errors.length < MAX_REPORTED_ERRORS) summary.errors.push({ line, field, message })
  }
  let batch: AssetInput[] = []
  const firstLine = new Map<string, number>()
  const flush = async () => {
    if (!batch.length) return
    const rows = batch
    batch = []
    const counts = await prisma.$transaction((tx) => upsertAssetBatch(tx, scope.id, 'csv', rows), { timeout: 60_000 })
    summary.inserted += counts.inserted
    summary.updated += counts.updated
    summary.unchanged += counts.unchanged
  }
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const unsafe = Object.entries(record).find(([, value]) => firstUnsafeText(value ?? ''))
      if (unsafe) {
        reject(info.lines, unsafe[0], UNSAFE_TEXT_MESSAGE)
        continue
      }
      const parsed = ZAssetInput.safeParse(rowToInput(record))
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        reject(info.lines, issue.path.join('.') || 'row', issue.message)
        continue
      }
      const seen = firstLine.get(parsed.data.externalId)
      if (seen !== undefined) {
        reject(info.lines, 'externalId', `"${parsed.data.externalId.slice(0, 120)}" repeats line ${seen}`)
        continue
      }
      firstLine.set(parsed.data.externalId, info.lines)
      batch.push(parsed.data)
      if (batch.length >= BATCH) await flush()
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    const csvError = error as { code?: string; message: string; lines?: number }
    if (csvError.code?.startsWith('CSV_')) {
      throw new AppError('BAD_REQUEST', `file: line ${csvError.lines ?? '?'}: ${csvError.message}`, { fieldErrors: [{ field: 'file', message: csvError.message }], details: { ...summary } })
    }
    throw error
  } finally {
    if (!stream.readableEnded) {
      stream.unpipe()
      stream.resume()
    }
  }
  await flush()
  if (summary.inserted + summary.updated > 0) {
    await recordAudit(prisma, { actor, action: 'asset.import', entityType: 'Asset', entityId: scope.id, partnershipId: scope.id, after: { inserted: summary.inserted, updated: summary.updated, rejected: summary.rejected } })
  }
  return summary
}
