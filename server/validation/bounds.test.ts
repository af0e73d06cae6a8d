import { describe, expect, it } from 'vitest'
import { ZDate, ZInstant, ZInt32, ZQuarter, ZVersion, isQuarter } from './bounds.ts'

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (result.success ? [] : result.error!.issues.map((i) => i.message))

describe('the shared bounds: 2000–2100, an int column', () => {
  it('quarters: the years 2000 to 2100, one message for a malformed one', () => {
    expect(['2000-Q1', '2026-Q3', '2100-Q4'].map(isQuarter)).toEqual([true, true, true])
    expect(messages(ZQuarter.safeParse('0000-Q1'))).toEqual(['A quarter from 2000-Q1 to 2100-Q4'])
    expect(messages(ZQuarter.safeParse('2101-Q1'))).toEqual(['A quarter from 2000-Q1 to 2100-Q4'])
    expect(messages(ZQuarter.safeParse('2026-Q5'))).toEqual(['Use a quarter like 2026-Q3'])
  })

  it('dates: real calendar dates of the years 2000 to 2100', () => {
    expect(ZDate.parse(' 2100-12-31 ')).toBe('2100-12-31')
    expect(ZDate.parse('2000-02-29')).toBe('2000-02-29')
    expect(messages(ZDate.safeParse('0000-01-01'))).toEqual(['Must be a date from 2000-01-01 to 2100-12-31'])
    expect(messages(ZDate.safeParse('2101-01-01'))).toEqual(['Must be a date from 2000-01-01 to 2100-12-31'])
    expect(messages(ZDate.safeParse('2026-02-30'))).toEqual(['Not a calendar date'])
    expect(messages(ZDate.safeParse('31/03/2027'))).toEqual(['Use a date like 2027-03-31'])
  })

  it('instants: from 2000-01-01T00:00:00Z up to 2101, with an offset or Z', () => {
    expect(ZInstant.safeParse('2000-01-01T00:00:00Z').success).toBe(true)
    expect(ZInstant.safeParse('2100-12-31T23:59:59.999Z').success).toBe(true)
    for (const v of ['1999-12-31T23:59:59Z', '2100-12-31T23:00:00-05:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z']) {
      expect(messages(ZInstant.safeParse(v))).toEqual(['Must be an instant from 2000 to 2100'])
    }
    expect(messages(ZInstant.safeParse('2026-07-01'))).toEqual(['An ISO 8601 instant with an offset or Z'])
  })

  it('integers: what PostgreSQL’s integer holds', () => {
    expect(ZInt32.parse(2147483647)).toBe(2147483647)
    expect(messages(ZInt32.safeParse(2147483648))).toEqual(['At most 2147483647'])
    expect(messages(ZVersion.safeParse(0))).toEqual(['A version number'])
    expect(messages(ZVersion.safeParse(1.5))).toEqual(['A whole number'])
  })
})
