import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type NormalisedTicket, TicketFieldError, checkCalendar, contentHash, normaliseTicket, statusSourceJson, ticketJson } from './normalize-ticket.ts'
import { ZTicketInput } from './tickets.schemas.ts'
import { normalisedTickets } from '../../tests/helpers/normalised-ticket-arbitrary.ts'

// Strings JSON.stringify escapes (quotes, backslashes, control characters, lone surrogates) beside plain ones.
const awkward = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('say "hi"', 'back\\slash', 'tab\there', 'nl\n', '\u0000', '\u001f', '\ud800', 'x\udc00y', '😀', '\u2028', 'Ünïcødé ✓', ''))
const generated = normalisedTickets({
  text: awkward,
  csat: fc.integer({ min: -5, max: 5 }),
  reopens: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0.5, -0, Number.NaN)),
})

/** The content hash's definition: the JSON of the ticket with its instants as JSON.stringify writes them. */
const referenceJson = (t: Omit<NormalisedTicket, 'contentHash'>) =>
  JSON.stringify({ ...t, createdAt: t.createdAt.toISOString(), firstResponseAt: t.firstResponseAt?.toISOString() ?? null, resolvedAt: t.resolvedAt?.toISOString() ?? null })

describe('ticketJson', () => {
  it('is JSON.stringify of the ticket, for any ticket (escapes, missing or undefined keys, a status source anywhere)', () => {
    fc.assert(
      fc.property(generated, fc.boolean(), (t, sourceFirst) => {
        const ticket = sourceFirst && t.statusSource ? { statusSource: t.statusSource, ...t } : t
        expect(ticketJson(ticket)).toBe(referenceJson(ticket))
        expect(contentHash(ticket)).toBe(createHash('sha1').update(referenceJson(ticket)).digest('base64url'))
      }),
      { numRuns: 3000 },
    )
  })
})

describe('contentHash', () => {
  it('is the hash of the JSON of the ticket as stored before (dates written as JSON.stringify writes them)', () => {
    const base = { externalId: 'T-1', priority: 'High', createdAt: '2026-07-01T09:00:00Z', pauses: [['2026-07-01T10:00:00Z', null]], origin: 'alert', reopens: 2 }
    for (const extra of [{}, { firstResponseAt: '2026-07-01T09:20:00Z', resolvedAt: '2026-07-01T12:00:00.5Z' }]) {
      const { contentHash: hash, ...rest } = normaliseTicket(ZTicketInput.parse({ ...base, ...extra }), { mapping: new Map(), zone: 'UTC' })
      expect(hash).toBe(createHash('sha1').update(JSON.stringify(rest)).digest('base64url'))
      expect(contentHash(rest)).toBe(hash)
    }
  })

  it('hashes a kept status source as JSON.stringify writes it, in any key position, from the text that is stored', () => {
    const input = ZTicketInput.parse({ externalId: 'T-2', priority: 'High', status: 'In Progress', createdAt: '2026-07-01T09:00:00Z', resolvedAt: '2026-07-02T09:00:00Z' })
    const statusSource = { closed: true, resolvedAt: '2026-07-02T09:00:00.000Z', board: '1', changes: [['2026-07-01T10:00:00.000Z', 'New', 'Waiting "Customer"'] as [string, string, string], ['2026-07-01T12:00:00.000Z', null, 'Closed'] as [string, null, string]] }
    const { contentHash: hash, ...rest } = normaliseTicket(input, { mapping: new Map(), zone: 'UTC', statusSource, closed: true })
    expect(Object.keys(rest).at(-1)).toBe('statusSource')
    expect(hash).toBe(createHash('sha1').update(JSON.stringify(rest)).digest('base64url'))
    expect(statusSourceJson(statusSource)).toBe(JSON.stringify(statusSource))
    // Not the last key (no caller builds it so, but the hash must not depend on that).
    const { statusSource: kept, ...others } = rest
    const first = { statusSource: kept, ...others }
    expect(contentHash(first)).toBe(createHash('sha1').update(JSON.stringify(first)).digest('base64url'))
  })
})

describe('checkCalendar', () => {
  /** The check as it was written first (a regular expression, a Date per month length): what it must still answer. */
  function reference(text: string, field: string, value: string) {
    const date = /^([+-]?\d{4,6})-(\d{2})-(\d{2})/.exec(text)
    if (!date) return
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])]
    if (year < 2000 || year > 2100) throw new TicketFieldError(field, `the year must be from 2000 to 2100: "${value.slice(0, 40)}"`)
    const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0
    if (day < 1 || day > daysInMonth) throw new TicketFieldError(field, `not a calendar date: "${value.slice(0, 40)}"`)
  }
  const outcome = (check: typeof reference, text: string) => {
    try {
      check(text, 'createdAt', text)
      return 'ok'
    } catch (error) {
      return `${(error as TicketFieldError).field}: ${(error as Error).message}`
    }
  }
  const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '9'), minLength: min, maxLength: max })
  const text = fc.oneof(
    fc.tuple(fc.constantFrom('', '+', '-'), fc.integer({ min: 1990, max: 2110 }).map(String), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('', 'T09:00:00Z', ' 09:00', 'x'))
      .map(([sign, y, m, d, rest]) => `${sign}${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${rest}`),
    fc.tuple(fc.constantFrom('', '+', '-', 'x'), digits(0, 7), fc.constantFrom('-', '/', ''), digits(0, 3), fc.constantFrom('-', ''), digits(0, 3)).map((parts) => parts.join('')),
    fc.string({ maxLength: 12 }),
  )
  it('answers as the first version did, for dates of every shape (leap days, years either side of the range, signs, short parts)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(outcome(checkCalendar, t)).toBe(outcome(reference, t))
      }),
      { numRuns: 20000 },
    )
    for (const t of ['2000-02-29', '2100-02-29', '2028-02-29T00:00Z', '2026-02-29', '2026-04-31', '2026-12-31', '2026-00-10', '2101-01-01', '1999-12-31', '002026-01-01', '+2026-02-30']) expect(outcome(checkCalendar, t)).toBe(outcome(reference, t))
  })
})
