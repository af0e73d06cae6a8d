import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'

export const MAX_HEADCOUNT = 1_000_000
export const ZSetHeadcountInput = z.object({
  /** Users the MSP supports at this client; null clears it. */
  headcount: z
    .number({ error: 'A whole number of users' })
    .int({ error: 'A whole number of users' })
    .min(1, { error: 'At least 1 user' })
    .max(MAX_HEADCOUNT, { error: `At most ${MAX_HEADCOUNT.toLocaleString('en')} users` })
    .nullable(),
  /** The headcount the editor saw: a different stored one is a 409 (someone else changed it). */
  expected: ZInt32.nullable(),
})
