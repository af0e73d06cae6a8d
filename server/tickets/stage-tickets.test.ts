import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BinaryCopyWriter, COPY_BINARY_HEADER } from '../db/copy-binary.ts'
import { STORED_COLUMNS } from '../sla/stored/stored-verdicts.ts'
import { normalisedTickets } from '../../tests/helpers/normalised-ticket-arbitrary.ts'
import type { NormalisedTicket } from './normalize-ticket.ts'
import { DIRECT_NAMES, copyRow, directRow } from './stage-tickets.server.ts'
import { TICKET_COLUMNS, ticketColumnValue } from './upsert-tickets.server.ts'

// copyRow writes the staged row column by column in COPY's binary format; the generic form below (every
// TICKET_COLUMNS value as ticketColumnValue gives it, then the stored columns, each encoded by its column's type) is
// what its fields must equal, for any ticket and stored row.

const int32 = (n: number) => {
  const b = Buffer.alloc(4)
  b.writeInt32BE(n)
  return b
}
const int16 = (n: number) => {
  const b = Buffer.alloc(2)
  b.writeInt16BE(n)
  return b
}
const float8 = (n: number) => {
  const b = Buffer.alloc(8)
  b.writeDoubleBE(n)
  return b
}

/** A value as the server's binary receive function for `type` reads it (null: SQL NULL). */
function field(type: string, value: unknown): Buffer | null {
  if (value === null || value === undefined) return null
  switch (type) {
    case 'text':
    case '"Priority"':
      return Buffer.from(String(value), 'utf8')
    case 'ts': {
      const b = Buffer.alloc(8)
      b.writeBigInt64BE((BigInt(Date.parse(String(value))) - BigInt(Date.UTC(2000, 0, 1))) * 1000n)
      return b
    }
    case 'jsonb':
      return Buffer.concat([Buffer.from([1]), Buffer.from(String(value), 'utf8')])
    case 'boolean':
      return Buffer.from([value ? 1 : 0])
    case 'int':
      return int32(value as number)
    case 'int2':
      return int16(value as number)
    case 'float8':
      return float8(value as number)
  }
  throw new Error(type)
}

function genericFields(line: number, ticket: NormalisedTicket, stored: readonly unknown[]): Array<Buffer | null> {
  return [int32(line), ...TICKET_COLUMNS.map(([key, type]) => field(type, ticketColumnValue(ticket, key))), ...STORED_COLUMNS.map(([, type], c) => field(type, stored[c]))]
}

/** The rows of a binary COPY, each as its fields' bytes. */
function readRows(data: Buffer): Array<Array<Buffer | null>> {
  expect(data.subarray(0, COPY_BINARY_HEADER.length)).toEqual(COPY_BINARY_HEADER)
  const rows: Array<Array<Buffer | null>> = []
  let at = COPY_BINARY_HEADER.length
  for (;;) {
    const count = data.readInt16BE(at)
    at += 2
    if (count === -1) break
    const row: Array<Buffer | null> = []
    for (let i = 0; i < count; i++) {
      const length = data.readInt32BE(at)
      at += 4
      row.push(length === -1 ? null : data.subarray(at, (at += length)))
    }
    rows.push(row)
  }
  expect(at).toBe(data.length)
  return rows
}

const awkward = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a\tb', 'line\nbreak', 'back\\slash', 'cr\r', '', 'Ünïcødé ✓', '\\N'))
const ticket: fc.Arbitrary<NormalisedTicket> = fc
  .tuple(normalisedTickets({ text: awkward, csat: fc.integer({ min: 1, max: 5 }), reopens: fc.integer({ min: 0, max: 1000 }) }), awkward)
  .map(([t, contentHash]) => ({ ...t, contentHash }))

/** A stored row of the types STORED_COLUMNS declares (null anywhere). */
const storedRow = fc.tuple(
  ...STORED_COLUMNS.map(([, type]) =>
    fc.option<unknown, null>(
      type === 'text'
        ? awkward
        : type === 'int'
          ? fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })
          : type === 'int2'
            ? fc.integer({ min: -(2 ** 15), max: 2 ** 15 - 1 })
            : fc.oneof(fc.double(), fc.constant(Number.MAX_VALUE), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2101, 0, 1) })),
      { nil: null },
    ),
  ),
)

describe('copyRow', () => {
  it('writes what the generic column loop encodes, row after row', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), ticket, storedRow), { minLength: 1, maxLength: 3 }), (rows) => {
        const out = new BinaryCopyWriter(16)
        for (const [line, t, stored] of rows) copyRow(out, line, t, stored)
        expect(readRows(out.finish())).toEqual(rows.map(([line, t, stored]) => genericFields(line, t, stored)))
      }),
      { numRuns: 1000 },
    )
    // 1,000 runs take about a second alone and over 5 s on a loaded two-core machine (the unit tier's default).
  }, 60_000)

  it('directRow writes a new row for "Ticket": a UUID, the partnership, the source, the staged fields, then updatedAt', () => {
    fc.assert(
      fc.property(ticket, storedRow, fc.bigInt({ min: 0n, max: 2n ** 52n }), (t, stored, micros) => {
        const out = new BinaryCopyWriter(16)
        directRow(out, 'p-1', 'csv', t, stored, micros)
        const [[id, partnership, source, ...rest]] = readRows(out.finish())
        const updatedAt = Buffer.alloc(8)
        updatedAt.writeBigInt64BE(micros)
        expect(id?.toString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
        expect([partnership?.toString(), source?.toString()]).toEqual(['p-1', 'csv'])
        expect(rest).toEqual([...genericFields(0, t, stored).slice(1), updatedAt])
        expect(rest.length + 3).toBe(DIRECT_NAMES.length)
      }),
      { numRuns: 200 },
    )
  })

  it('a whole number out of an int column\'s range is an empty field (the server refuses the row, as it refused the text)', () => {
    const out = new BinaryCopyWriter()
    out.row(3)
    out.int4(2 ** 31)
    out.int2(1.5)
    out.int4(-7)
    expect(readRows(out.finish())).toEqual([[Buffer.alloc(0), Buffer.alloc(0), int32(-7)]])
  })
})
