// Reading one vendor record defensively: a field of the wrong shape makes that record skipped, with the reason.
import type { SkippedRecord } from './types.ts'

export class RecordError extends Error {}

export type Raw = Record<string, unknown>

export function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A record's id as sent, to name it when skipped even if nothing else of it can be read. */
export const rawRecordId = (record: unknown): string | null => (isObject(record) && record.id != null ? String(record.id) : null)

/**
 * One page's records mapped one by one: a record that cannot be read (a RecordError) is skipped with the reason and
 * the page goes on; any other error stops the run. `maxId` is the highest numeric id on the page, readable or not
 * (null when there is none), for the connectors whose cursor continues after an id.
 */
export function mapRecords<T>(records: unknown[], map: (record: Raw) => T, idOf: (record: unknown) => string | null = rawRecordId) {
  const tickets: T[] = []
  const skipped: SkippedRecord[] = []
  let maxId: number | null = null
  for (const record of records) {
    const rawId = idOf(record)
    if (rawId && /^\d+$/.test(rawId)) maxId = Math.max(maxId ?? 0, Number(rawId))
    try {
      if (!isObject(record)) throw new RecordError('not an object')
      tickets.push(map(record))
    } catch (error) {
      if (!(error instanceof RecordError)) throw error
      skipped.push({ externalId: rawId, reason: error.message })
    }
  }
  return { tickets, skipped, maxId }
}

export function child(record: Raw, key: string): Raw | null {
  const value = record[key]
  if (value === null || value === undefined) return null
  if (!isObject(value)) throw new RecordError(`${key}: expected an object`)
  return value
}

export function text(record: Raw | null, key: string, label = key): string | null {
  const value = record?.[key]
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'string') return value.trim() || null
  if (typeof value === 'number') return String(value)
  throw new RecordError(`${label}: expected text`)
}

export function requiredText(record: Raw | null, key: string, label = key): string {
  const value = text(record, key, label)
  if (value === null) throw new RecordError(`${label}: missing`)
  return value
}

export function id(record: Raw, key = 'id', label = key): string {
  const value = record[key]
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value)
  if (typeof value === 'string' && /^\d+$/.test(value)) return value
  throw new RecordError(`${label}: missing or not a positive whole number`)
}

export function bool(record: Raw | null, key: string): boolean | null {
  const value = record?.[key]
  if (value === null || value === undefined) return null
  if (typeof value !== 'boolean') throw new RecordError(`${key}: expected true or false`)
  return value
}

export function num(record: Raw | null, key: string): number | null {
  const value = record?.[key]
  if (value === null || value === undefined || value === '') return null
  const n = typeof value === 'string' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RecordError(`${key}: expected a number`)
  return n
}

/** 1..5 from a score on 0..max (higher is better). */
export function csatFromScale(score: number, max: number): number {
  const clamped = Math.min(Math.max(score, 0), max)
  return Math.min(5, Math.max(1, Math.round(1 + (4 * clamped) / max)))
}
