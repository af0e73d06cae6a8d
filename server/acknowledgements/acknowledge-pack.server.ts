import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, notFound } from '../errors.ts'
import { ZAcknowledgePackInput, type ZAcknowledgeOutput } from './acknowledgement.schemas.ts'
import { isUniqueViolation, toAcknowledgementDto } from './acknowledgement.mapper.ts'
import type { z } from 'zod'

/**
 * The caller's party acknowledges a frozen pack version by its SHA-256 (ADR 027). One acknowledgement per party and
 * version: a second answers the first (`already`). Acknowledging a version that is not the quarter's latest is allowed
 * (the meeting may have used it) and said, in the answer and on the record.
 */
export async function acknowledgePack(scope: PartnershipScope, actor: Actor, input: unknown): Promise<z.infer<typeof ZAcknowledgeOutput>> {
  const { quarter, version, sha256 } = ZAcknowledgePackInput.parse(input)
  const prisma = await db()
  const [row, latest] = await Promise.all([
    prisma.packVersion.findFirst({ where: { partnershipId: scope.id, quarter, version }, select: { id: true, sha256: true } }),
    prisma.packVersion.findFirst({ where: { partnershipId: scope.id, quarter }, orderBy: { version: 'desc' }, select: { version: true } }),
  ])
  if (!row) throw notFound('Pack version')
  if (row.sha256 !== sha256) {
    throw new AppError('CONFLICT', `That hash is not version ${version}'s: this version's SHA-256 is ${row.sha256}`, { fieldErrors: [{ field: 'sha256', message: 'Not the hash of this version' }], details: { sha256: row.sha256 } })
  }
  const wasLatest = latest!.version === version
  const notice = wasLatest ? null : `Version ${version} is not the latest of ${quarter}: version ${latest!.version} was generated after it.`
  const existing = () => prisma.acknowledgement.findFirst({ where: { partnershipId: scope.id, packVersionId: row.id, party: scope.party } })
  const found = await existing()
  if (found) return { acknowledgement: toAcknowledgementDto(found, version), already: true, notice }
  try {
    const created = await prisma.$transaction(async (tx) => {
      const a = await tx.acknowledgement.create({
        data: { partnershipId: scope.id, subject: 'PACK_VERSION', packVersionId: row.id, sha256, party: scope.party, userId: actor.userId, userLabel: actor.label, role: scope.role, wasLatest },
      })
      await recordAudit(tx, { actor, action: 'pack.acknowledge', entityType: 'PackVersion', entityId: row.id, partnershipId: scope.id, after: { quarter, version, sha256, party: scope.party, wasLatest } })
      return a
    })
    return { acknowledgement: toAcknowledgementDto(created, version), already: false, notice }
  } catch (e) {
    // Two people of the same party at once: the second sees the first's acknowledgement.
    if (isUniqueViolation(e)) return { acknowledgement: toAcknowledgementDto((await existing())!, version), already: true, notice }
    throw e
  }
}
