import { db } from '../db/client.server.ts'

/** The timezone of the partnership's current SLA policy (where naive timestamps are read); UTC without a policy. */
export async function policyTimezone(partnershipId: string): Promise<string> {
  const policy = await (await db()).slaPolicy.findFirst({
    where: { partnershipId },
    orderBy: { version: 'desc' },
    select: { definition: true },
  })
  const zone = (policy?.definition as { timezone?: unknown } | undefined)?.timezone
  return typeof zone === 'string' ? zone : 'UTC'
}
