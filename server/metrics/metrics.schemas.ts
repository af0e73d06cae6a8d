import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'

export const METRICS = ['uptime', 'backup_success', 'patch_compliance'] as const
export const ZMetricName = z.enum(METRICS, { error: `Use one of ${METRICS.join(', ')}` })

export const ZMetricSample = z.object({
  metric: ZMetricName,
  /** What was measured: a site, a service, a device group; empty for the whole estate. */
  scope: z.string().trim().max(120).default(''),
  at: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 timestamp with an offset or Z' }),
  value: z.number().min(0, { error: 'A percentage from 0 to 100' }).max(100, { error: 'A percentage from 0 to 100' }),
})

export const ZRecordMetricsInput = z.object({
  slug: ZSlug,
  source: z.string().trim().regex(/^[a-z][a-z0-9_-]{1,39}$/).default('api'),
  samples: z.array(ZMetricSample).min(1).max(1000),
})
