import { db } from '../db/client.server.ts'

/**
 * The current SLA policy's pauseStatuses (status names that stop the resolution clock), for CSV, API and PSA
 * tickets alike; none without a policy.
 */
export async function policyPauseStatuses(partnershipId: string): Promise<string[]> {
  const policy = await (await db()).slaPolicy.findFirst({ where: { partnershipId }, orderBy: { version: 'desc' }, select: { definition: true } })
  const names = (policy?.definition as { pauseStatuses?: unknown } | undefined)?.pauseStatuses
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []
}
