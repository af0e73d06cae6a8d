import type { PartnershipScope } from '../access/policy.server.ts'
import { bumpPartnership } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { ZRecordMetricsInput } from './metrics.schemas.ts'

/** `metrics.record`: samples upserted by (partnership, metric, scope, instant), in one transaction. */
export async function recordMetrics(scope: PartnershipScope, input: unknown): Promise<{ recorded: number }> {
  const { source, samples } = ZRecordMetricsInput.parse(input)
  const prisma = await db()
  await prisma.$transaction(
    samples.map((s) =>
      prisma.metricSample.upsert({
        where: { partnershipId_metric_scope_at: { partnershipId: scope.id, metric: s.metric, scope: s.scope, at: new Date(s.at) } },
        create: { partnershipId: scope.id, metric: s.metric, scope: s.scope, at: new Date(s.at), value: s.value, source },
        update: { value: s.value, source },
      }),
    ),
  )
  // After the commit, so that no instance (told at once) can cache the samples from before it.
  bumpPartnership(scope.id)
  return { recorded: samples.length }
}
