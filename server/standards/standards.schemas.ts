// One schema module for the standards library: the page's form and the API validate with the same rules.
import { z } from 'zod'
import { ZInt32 } from '../validation/bounds.ts'

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const
const ZOrgSlug = z.string().trim().min(2).max(60)

const text = (label: string, max: number) => z.string().trim().max(max, { error: `At most ${max.toLocaleString('en')} characters` }).describe(label)

export const ZStandardFields = z.object({
  category: z.string().trim().min(1, { error: 'Enter a category' }).max(60, { error: 'At most 60 characters' }),
  question: z.string().trim().min(5, { error: 'Write the question (at least 5 characters)' }).max(300, { error: 'At most 300 characters' }),
  whyItMatters: text('Why it matters', 2000),
  howToCheck: text('How to check', 2000),
  severity: z.enum(SEVERITIES, { error: `One of ${SEVERITIES.join(', ')}` }),
  remediation: text('Recommended remediation', 2000),
})
export type StandardFields = z.infer<typeof ZStandardFields>

export const ZListStandardsInput = z.object({ org: ZOrgSlug, includeRetired: z.boolean().default(false) })
export const ZStandardRef = z.object({ org: ZOrgSlug, id: z.uuid({ error: 'Not an id' }) })
export const ZCreateStandardInput = ZStandardFields.partial({ whyItMatters: true, howToCheck: true, remediation: true, severity: true }).extend({ org: ZOrgSlug })
export const ZUpdateStandardInput = ZStandardRef.extend({
  baseVersion: ZInt32.min(1, { error: 'The version you edited' }),
  changes: ZStandardFields.partial().refine((c) => Object.keys(c).length > 0, { error: 'Change at least one field' }),
})
export const ZRetireStandardInput = ZStandardRef.extend({ baseVersion: ZInt32.min(1, { error: 'The version you edited' }), retired: z.boolean() })

export const ZStandard = ZStandardFields.extend({
  id: z.string(),
  version: z.number(),
  starter: z.boolean(),
  retiredAt: z.string().nullable(),
  updatedAt: z.string(),
})
export type StandardDto = z.infer<typeof ZStandard>
