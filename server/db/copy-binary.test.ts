import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BinaryCopyWriter, COPY_BINARY_HEADER } from './copy-binary.ts'

// text and jsonb copy ASCII code by code and hand anything else to Buffer.write: either way the field must be the
// string's UTF-8 (a lone surrogate as U+FFFD, as Buffer.from writes it), at every length either side of the fast path's.
const strings = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.tuple(fc.string({ minLength: 60, maxLength: 70 }), fc.constantFrom('é', '✓', '\ud800', '😀', '\u0000')).map(([a, b]) => a + b),
)

function fields(data: Buffer): Buffer[] {
  const out: Buffer[] = []
  let at = COPY_BINARY_HEADER.length
  const count = data.readInt16BE(at)
  at += 2
  for (let f = 0; f < count; f++) {
    const length = data.readInt32BE(at)
    out.push(data.subarray(at + 4, at + 4 + length))
    at += 4 + length
  }
  return out
}

describe('BinaryCopyWriter text and jsonb', () => {
  it("write a string's UTF-8 bytes, ASCII or not, short or long", () => {
    fc.assert(
      fc.property(strings, strings, (a, b) => {
        const out = new BinaryCopyWriter(16)
        out.row(2)
        out.text(a)
        out.jsonb(b)
        expect(fields(out.finish())).toEqual([Buffer.from(a, 'utf8'), Buffer.concat([Buffer.from([1]), Buffer.from(b, 'utf8')])])
      }),
      { numRuns: 2000 },
    )
  })
})
