import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { type DisputeDto, ZRejectDisputeInput } from './disputes.schemas.ts'
import { settleDispute } from './settle-dispute.server.ts'

/** The MSP stands by the computed verdict and says why. */
export async function rejectDispute(scope: PartnershipScope, actor: Actor, input: unknown, appUrl: string): Promise<DisputeDto> {
  const { id, baseVersion, answer } = ZRejectDisputeInput.parse(input)
  return settleDispute(scope, actor, { id, baseVersion, outcome: 'REJECTED', agreedVerdict: null, body: answer }, appUrl)
}
