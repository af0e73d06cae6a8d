import type { Actor } from '../audit/record-audit.server.ts'
import { recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZCreateApiTokenInput } from './api-tokens.schemas.ts'
import { toApiTokenDto } from './list-api-tokens.server.ts'
import { generateApiToken } from './token-format.ts'

/** Creates a token acting as the user; the plain token is returned this once and never stored. */
export async function createApiToken(actor: Actor & { userId: string }, input: unknown) {
  const { name } = ZCreateApiTokenInput.parse(input)
  const { token, prefix, hash } = generateApiToken()
  const prisma = await db()
  const existing = await prisma.apiToken.findFirst({ where: { userId: actor.userId, name, revokedAt: null } })
  if (existing) {
    throw new AppError('CONFLICT', `A token named "${name}" already exists`, { fieldErrors: [{ field: 'name', message: 'Already in use' }] })
  }
  const row = await prisma.$transaction(async (tx) => {
    // A revoked token keeps its row for the audit trail but gives up its name.
    await tx.apiToken.updateMany({ where: { userId: actor.userId, name, revokedAt: { not: null } }, data: { name: `${name} (revoked ${Date.now()})` } })
    const created = await tx.apiToken.create({ data: { userId: actor.userId, name, prefix, tokenHash: hash } })
    await recordAudit(tx, { actor, action: 'token.create', entityType: 'ApiToken', entityId: created.id, after: { name, prefix } })
    return created
  })
  return { ...toApiTokenDto(row), token }
}
