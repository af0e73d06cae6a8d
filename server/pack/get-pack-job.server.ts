import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { PACK_JOB, packJobView } from './pack-job.server.ts'
import { type PackJobDto, ZPackJobInput } from './pack.schemas.ts'

/** One pack generation of the partnership (polled by the packs page); another tenant's job id is not found. */
export async function getPackJob(scope: PartnershipScope, input: unknown): Promise<PackJobDto> {
  const { id } = ZPackJobInput.parse(input)
  const job = await (await db()).job.findFirst({ where: { id, kind: PACK_JOB, partnershipId: scope.id } })
  if (!job) throw notFound('Pack generation')
  return packJobView(job)
}
