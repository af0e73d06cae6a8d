import { describe, expect, it } from 'vitest'
import { fmtDelta } from '../charts/pack-format.ts'
import { breachedDuration, duration, formatDate, formatDateTime, localeFromAcceptLanguage, money, num, pct, signed } from './format.ts'

describe('numbers', () => {
  it('never writes a signed zero', () => {
    expect(pct(-0.001)).toBe('0.0%')
    expect(pct(-0.004, 2)).toBe('0.00%')
    expect(num(-0.4)).toBe('0')
    expect(signed(-0.04, 1)).toBe('0.0')
    expect(signed(0.04, 1)).toBe('0.0')
    expect(fmtDelta({ current: 99.95, previous: 99.98 }, 'pts')).toBe('0.0 pts')
    expect(fmtDelta({ current: 99.9, previous: 99.9 }, 'pts')).toBe('0.0 pts')
    expect(fmtDelta({ current: 4.5, previous: 4.501 }, 'score')).toBe('0.00')
  })

  it('signs real changes with a plus or a typographic minus', () => {
    expect(fmtDelta({ current: 97.5, previous: 95 }, 'pts')).toBe('+2.5 pts')
    expect(fmtDelta({ current: 95, previous: 97.5 }, 'pts')).toBe('−2.5 pts')
    expect(fmtDelta({ current: 1180, previous: 1235 }, 'count')).toBe('−55')
    expect(fmtDelta({ current: null, previous: 3 }, 'count')).toBe('—')
    expect(num(1234.5, 1)).toBe('1,234.5')
  })
})

describe('durations', () => {
  it('writes a business-hours clock in business hours and minutes, never in days', () => {
    expect(duration(3000, 'business')).toBe('50 business h')
    expect(duration(3010, 'business')).toBe('50 business h 10 min')
    expect(duration(45, 'business')).toBe('45 business min')
    expect(duration(480, 'business')).toBe('8 business h')
    expect(duration(null, 'business')).toBe('—')
  })

  it('writes a 24×7 clock in days, hours and minutes, dropping only zero parts', () => {
    expect(duration(30)).toBe('30 min')
    expect(duration(240)).toBe('4 h')
    expect(duration(245)).toBe('4 h 05 min')
    expect(duration(1440)).toBe('1 d')
    expect(duration(3000)).toBe('2 d 2 h')
    expect(duration(3005)).toBe('2 d 2 h 05 min')
    expect(duration(1445)).toBe('1 d 0 h 05 min')
  })

  it('never shows a breached clock as its own target', () => {
    for (const clock of ['24x7', 'business'] as const) {
      for (const target of [30, 240, 1440, 3000]) {
        for (const over of [0.2, 1, 7, 59, 61]) expect(breachedDuration(target + over, clock)).not.toBe(duration(target, clock))
      }
    }
    expect(breachedDuration(3000.3, 'business')).toBe('50 business h 01 min')
    expect(breachedDuration(3010, '24x7')).toBe('2 d 2 h 10 min')
    expect(breachedDuration(240.01)).toBe('4 h 01 min')
  })
})

describe('dates', () => {
  it('uses one date format per locale', () => {
    const iso = '2026-10-05T12:00:00Z'
    expect(formatDate(iso)).toBe('5 Oct 2026')
    expect(formatDate(iso, 'en-US')).toBe('Oct 5, 2026')
    expect(formatDate(iso, 'de')).toMatch(/^5\. Okt\.? 2026$/)
    expect(formatDate('2026-10-05T23:30:00Z', 'en-GB', 'Europe/Berlin')).toBe('6 Oct 2026')
    expect(formatDateTime(iso, 'en-GB', 'UTC')).toBe('5 Oct 2026, 12:00')
  })

  it('takes the reader locale from Accept-Language, by weight, falling back to the default', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en-US')
    expect(localeFromAcceptLanguage('de-CH, fr;q=0.8')).toBe('de')
    expect(localeFromAcceptLanguage('fr;q=0.5, de;q=0.9')).toBe('de')
    expect(localeFromAcceptLanguage('xx-YY')).toBe('en-GB')
    expect(localeFromAcceptLanguage(null)).toBe('en-GB')
    expect(localeFromAcceptLanguage('en-AU')).toBe('en-GB')
  })
})

describe('numbers in the reader locale', () => {
  it('keeps the default (the pack) as it was, and uses the locale separators where one is given', () => {
    expect(num(1234567.891, 1)).toBe('1,234,567.9')
    expect(num(1234567.891, 1, 'en-US')).toBe('1,234,567.9')
    expect(num(1234567.891, 1, 'de')).toBe('1.234.567,9')
    expect(pct(99.954, 2, 'fr')).toMatch(/^99,95 ?%$/)
    expect(signed(-0.04, 1, 'de')).toBe('0,0')
    expect(signed(-2.5, 1, 'de')).toBe('−2,5')
    expect(money(18000, 'USD')).toBe('USD 18,000')
    expect(money(18000, 'EUR', 'de')).toBe('EUR 18.000')
  })
})
