import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readNumbers } from './packed-numbers.ts'

const read = (text: string, fields: number) => {
  const out = new Float64Array(fields)
  readNumbers(text, out)
  return [...out]
}

describe('readNumbers', () => {
  it('reads whole numbers and empty fields (NaN), in order', () => {
    expect(read('2,1775061006124,1775062971208,,0,,,', 8)).toEqual([2, 1775061006124, 1775062971208, Number.NaN, 0, Number.NaN, Number.NaN, Number.NaN])
    expect(read('4,-86400000,0,1,1,5,0,1', 8)).toEqual([4, -86400000, 0, 1, 1, 5, 0, 1])
    expect(read('', 1)).toEqual([Number.NaN])
  })

  it('reads back any row of whole numbers and gaps exactly', () => {
    const field = fc.option(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), { nil: null })
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 10 }), (values) => {
        expect(read(values.map((v) => (v === null ? '' : String(v))).join(','), values.length)).toEqual(values.map((v) => v ?? Number.NaN))
      }),
    )
  })

  it('refuses what is not whole numbers in the expected count, naming the text', () => {
    expect(() => read('1,2.5', 2)).toThrow(/"1,2.5": not a whole number/)
    expect(() => read('1,2,3', 2)).toThrow(/2 fields expected/)
    expect(() => read('1', 2)).toThrow(/2 fields expected/)
    expect(() => read('1,-', 2)).toThrow(/an empty number/)
    expect(() => read('1,1e5', 2)).toThrow(/not a whole number/)
  })
})
