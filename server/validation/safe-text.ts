import { z } from 'zod'

// Text the database cannot store (PostgreSQL refuses U+0000; a lone UTF-16 surrogate is not Unicode at all) is
// refused at the edge as a 400 naming the field (issue 13, D14), never passed down to fail as a 500 inside a write.
// One check, used three ways: as a zod refinement for a schema's own strings, on every string of a tRPC input
// (server/trpc/init.ts) and on every field of a form body (server/http/request-body.server.ts).

export const UNSAFE_TEXT_MESSAGE = 'contains a NUL byte or an unpaired surrogate, which cannot be stored'

/** The reason `text` cannot be stored, or null when it can. */
export function firstUnsafeText(text: string): string | null {
  return text.includes('\u0000') || LONE_SURROGATE.test(text) ? UNSAFE_TEXT_MESSAGE : null
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** The shared zod refinement: `z.string().check(safeText)` or `safeString()`. */
export const safeText = z.refine<string>((text) => firstUnsafeText(text) === null, { message: UNSAFE_TEXT_MESSAGE })

export const safeString = () => z.string().check(safeText)

/** The dotted path of the first string anywhere in `value` (keys included) that cannot be stored; else null. */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return firstUnsafeText(value) ? path.join('.') || '(input)' : null
  if (depth > 32 || value === null || typeof value !== 'object') return null
  for (const [key, inner] of Object.entries(value)) {
    if (firstUnsafeText(key)) return [...path, key.replace(/[\u0000\ud800-\udfff]/g, '?')].join('.')
    const found = findUnsafeText(inner, [...path, key], depth + 1)
    if (found) return found
  }
  return null
}
