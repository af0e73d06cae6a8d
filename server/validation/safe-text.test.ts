import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { UNSAFE_TEXT_MESSAGE, findUnsafeText, firstUnsafeText, safeString } from './safe-text.ts'

describe('safe text (issue 13, D14)', () => {
  it('accepts ordinary text, emoji (a surrogate pair) and an empty string', () => {
    for (const text of ['', 'Printer down', 'Łódź 😀 “quotes”']) expect(firstUnsafeText(text)).toBeNull()
  })
  it('refuses a NUL byte and an unpaired surrogate, high or low, anywhere', () => {
    for (const text of ['a\u0000b', '\ud800', 'x\ud83dy', '\ude00x', 'end\udbff']) expect(firstUnsafeText(text)).toBe(UNSAFE_TEXT_MESSAGE)
  })
  it('as a zod refinement, names the field', () => {
    const result = z.object({ title: safeString() }).safeParse({ title: 'a\u0000' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ path: ['title'], message: UNSAFE_TEXT_MESSAGE })
  })
  it('finds the first bad string in a nested input by its dotted path, keys included', () => {
    expect(findUnsafeText({ slug: 'ok', items: [{ name: 'fine' }, { name: 'bad\u0000' }] })).toBe('items.1.name')
    expect(findUnsafeText({ mapping: { 'P\u00001': 'P1' } })).toBe('mapping.P?1')
    expect(findUnsafeText({ a: 1, b: [true, null, 'ok'] })).toBeNull()
    expect(findUnsafeText('\ud800')).toBe('(input)')
  })
})
