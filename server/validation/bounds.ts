import { z } from 'zod'

// Quarters, dates and instants are accepted from 2000 to 2100, the years ticket timestamps already keep to (issue
// 13, D15): the years 0000 or 9999 are nobody's, PostgreSQL refuses year 0 as a 500 inside a write, and an instant
// in 9999 had the business calendar compile eight thousand years. Integers bound for an int column stop at its
// largest value, so 2^31 is a 400 naming the field, not PostgreSQL's "out of range" as a 500. Pure: the pages and
// the forms read the same predicates.

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100
/** 2000-01-01T00:00:00Z, the first instant accepted. */
export const MIN_INSTANT_MS = Date.UTC(MIN_YEAR, 0, 1)
/** 2101-01-01T00:00:00Z, the first instant refused. */
export const END_INSTANT_MS = Date.UTC(MAX_YEAR + 1, 0, 1)
/** PostgreSQL's integer. */
export const INT32_MAX = 2_147_483_647

export const yearInRange = (year: number) => year >= MIN_YEAR && year <= MAX_YEAR
export const instantInRange = (ms: number) => ms >= MIN_INSTANT_MS && ms < END_INSTANT_MS

const QUARTER = /^\d{4}-Q[1-4]$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** "2026-Q3", of a year from 2000 to 2100. */
export const isQuarter = (value: string) => QUARTER.test(value) && yearInRange(Number(value.slice(0, 4)))

/** A real calendar date YYYY-MM-DD (not 2026-02-30), of a year from 2000 to 2100. */
export const isDate = (value: string) => DATE.test(value) && yearInRange(Number(value.slice(0, 4))) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)

// Each refinement passes what the format check before it refused, so a malformed value gets one message.
export const ZQuarter = z
  .string()
  .regex(QUARTER, { error: 'Use a quarter like 2026-Q3' })
  .refine((v) => !QUARTER.test(v) || isQuarter(v), { error: `A quarter from ${MIN_YEAR}-Q1 to ${MAX_YEAR}-Q4` })

export const ZDate = z
  .string()
  .trim()
  .regex(DATE, { error: 'Use a date like 2027-03-31' })
  .refine((v) => !DATE.test(v) || !yearInRange(Number(v.slice(0, 4))) || isDate(v), { error: 'Not a calendar date' })
  .refine((v) => !DATE.test(v) || yearInRange(Number(v.slice(0, 4))), { error: `Must be a date from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31` })

/** An ISO 8601 instant with an offset or Z, from 2000-01-01T00:00:00Z up to (not including) 2101. */
export const ZInstant = z.iso
  .datetime({ offset: true, error: 'An ISO 8601 instant with an offset or Z' })
  .refine((v) => Number.isNaN(Date.parse(v)) || instantInRange(Date.parse(v)), { error: `Must be an instant from ${MIN_YEAR} to ${MAX_YEAR}` })

/** A whole number an int column can hold; `.min(…)` it where the column's own rule says more. */
export const ZInt32 = z
  .number({ error: 'A whole number' })
  .int({ error: 'A whole number' })
  .max(INT32_MAX, { error: `At most ${INT32_MAX}` })
  .min(-INT32_MAX - 1, { error: `At least ${-INT32_MAX - 1}` })

/** A row's version (1, 2, …), as an int column holds it. */
export const ZVersion = ZInt32.min(1, { error: 'A version number' })
