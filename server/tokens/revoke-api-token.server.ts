import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { ZRevokeApiTokenInput } from './api-tokens.schemas.ts'

export async function revokeApiToken(actor: Actor & { userId: string }, input: unknown): Promise<void> {
  const { id } = ZRevokeApiTokenInput.parse(input)
  await (await db()).$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, userId: actor.userId, revokedAt: null }, data: { revokedAt: new Date() } })
    if (count === 0) throw notFound('Token')
    await recordAudit(tx, { actor, action: 'token.revoke', entityType: 'ApiToken', entityId: id, before: { revoked: false }, after: { revoked: true } })
  })
}
