import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type DisputeDto, ZAcceptDisputeInput } from './disputes.schemas.ts'
import { settleDispute } from './settle-dispute.server.ts'

/** The MSP agrees: the agreed figures count the verdict as `agreedVerdict` (the computed figures stay as they are). */
export async function acceptDispute(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string): Promise<DisputeDto> {
  const { id, baseVersion, agreedVerdict, reason } = ZAcceptDisputeInput.parse(input)
  return settleDispute(scope, actor, { id, baseVersion, outcome: 'ACCEPTED', agreedVerdict: agreedVerdict ?? null, body: reason }, appUrl)
}
