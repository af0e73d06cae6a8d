import type { SlaTicket } from './engine.ts'

// A ticket's pauses as stored in its `pauses` JSON, read tolerantly: [start, end] pairs (ISO instants, end null while
// open), optionally with a reason after them, or { start, end, reason } objects, so the engine reads either shape
// of the column while the stored form gains the reason of each pause (issue 11 §1). Unreadable entries are skipped.

const instant = (value: unknown): number | null => {
  if (typeof value !== 'string') return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

export function readStoredPauses(json: unknown): SlaTicket['pauses'] {
  if (!Array.isArray(json)) return []
  const out: Array<readonly [number, number | null]> = []
  for (const entry of json) {
    const [rawStart, rawEnd] = Array.isArray(entry) ? [entry[0], entry[1]] : entry && typeof entry === 'object' ? [(entry as { start?: unknown }).start, (entry as { end?: unknown }).end] : [null, null]
    const start = instant(rawStart)
    if (start === null) continue
    out.push([start, rawEnd === null || rawEnd === undefined ? null : instant(rawEnd) ?? null])
  }
  return out
}
