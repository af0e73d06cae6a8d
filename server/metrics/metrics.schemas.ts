import { z } from 'zod'
import { ZInstant } from '../validation/bounds.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { DEFAULT_METRICS, ZMetricKey } from '../sla/policy.ts'

// Any metric name (ADR 024); the default metrics are percentages, so their samples stay within 0–100.
export const ZMetricSample = z
  .object({
    metric: ZMetricKey,
    /** What was measured: a site, a service, a device group; empty for the whole estate. */
    scope: z.string().trim().max(120).default(''),
    at: ZInstant,
    value: z.number({ error: 'A number' }).min(-1e12, { error: 'Out of range' }).max(1e12, { error: 'Out of range' }),
  })
  .superRefine((s, ctx) => {
    if (DEFAULT_METRICS[s.metric]?.unit === '%' && (s.value < 0 || s.value > 100)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage from 0 to 100' })
  })

export const ZRecordMetricsInput = z.object({
  slug: ZSlug,
  source: z.string().trim().regex(/^[a-z][a-z0-9_-]{1,39}$/).default('api'),
  samples: z.array(ZMetricSample).min(1).max(1000),
})
