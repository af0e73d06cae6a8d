import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { STORED_COLUMNS } from '../sla/stored/stored-verdicts.ts'
import type { NormalisedTicket, StoredPause } from './normalize-ticket.ts'
import { copyLine } from './stage-tickets.server.ts'
import { TICKET_COLUMNS, ticketColumnValue } from './upsert-tickets.server.ts'

// copyLine writes the staged row column by column; the generic form below (every TICKET_COLUMNS value as
// ticketColumnValue gives it, then the stored columns) is what it must equal, for any ticket and stored row.

function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
}

function genericLine(line: number, ticket: NormalisedTicket, stored: readonly unknown[]): string {
  let out = String(line)
  for (const [key] of TICKET_COLUMNS) {
    const value = ticket[key]
    out += '\t' + (value instanceof Date ? value.toISOString().slice(0, 23) : copyText(ticketColumnValue(ticket, key)))
  }
  for (const value of stored) out += '\t' + copyText(value)
  return out + '\n'
}

const awkward = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a\tb', 'line\nbreak', 'back\\slash', 'cr\r', '', 'Ünïcødé ✓', '\\N'))
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms))
const iso = date.map((d) => d.toISOString())
const pause: fc.Arbitrary<StoredPause> = fc.oneof(fc.tuple(iso, nullable(iso)), fc.tuple(iso, nullable(iso), awkward))

const ticket: fc.Arbitrary<NormalisedTicket> = fc
  .record({
    externalId: awkward,
    title: awkward,
    priority: fc.constantFrom('P1', 'P2', 'P3', 'P4') as fc.Arbitrary<NormalisedTicket['priority']>,
    sourcePriority: awkward,
    status: awkward,
    lifecycle: fc.constantFrom('open', 'waiting', 'resolved', 'closed') as fc.Arbitrary<NormalisedTicket['lifecycle']>,
    queue: nullable(awkward),
    assignee: nullable(awkward),
    createdAt: date,
    firstResponseAt: nullable(date),
    resolvedAt: nullable(date),
    pauses: fc.array(pause, { maxLength: 3 }),
    escalated: fc.boolean(),
    csat: nullable(fc.integer({ min: 1, max: 5 })),
    vendorResponseMet: nullable(fc.boolean()),
    vendorResolutionMet: nullable(fc.boolean()),
    contentHash: awkward,
    reopens: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    firstContact: fc.option(fc.boolean(), { nil: undefined }),
    origin: fc.option(fc.constantFrom('alert', 'maintenance', 'phone') as fc.Arbitrary<NonNullable<NormalisedTicket['origin']>>, { nil: undefined }),
    statusSource: fc.option(
      fc.record({ closed: fc.boolean(), resolvedAt: nullable(iso), board: nullable(awkward), changes: fc.array(fc.tuple(iso, nullable(awkward), awkward), { maxLength: 2 }) }),
      { nil: undefined },
    ),
  }, { requiredKeys: ['externalId', 'title', 'priority', 'sourcePriority', 'status', 'lifecycle', 'queue', 'assignee', 'createdAt', 'firstResponseAt', 'resolvedAt', 'pauses', 'escalated', 'csat', 'vendorResponseMet', 'vendorResolutionMet', 'contentHash'] })
  .map((t) => t as NormalisedTicket)

const storedValue = fc.oneof(fc.constant(null), fc.double({ noNaN: true }), fc.integer(), awkward, fc.constant(Number.MAX_VALUE))

describe('copyLine', () => {
  it('writes what the generic column loop writes', () => {
    fc.assert(
      fc.property(fc.nat(), ticket, fc.array(storedValue, { minLength: STORED_COLUMNS.length, maxLength: STORED_COLUMNS.length }), (line, t, stored) => {
        expect(copyLine(line, t, stored)).toBe(genericLine(line, t, stored))
      }),
      { numRuns: 2000 },
    )
  })
})
