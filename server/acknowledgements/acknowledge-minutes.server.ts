import type { z } from 'zod'
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { getQbr } from '../qbr/get-qbr.server.ts'
import { ZAcknowledgeMinutesInput, type ZAcknowledgeOutput } from './acknowledgement.schemas.ts'
import { isUniqueViolation, toAcknowledgementDto } from './acknowledgement.mapper.ts'
import { minutesDigest } from './minutes-digest.ts'

/**
 * The caller's party acknowledges the QBR's minutes as they read them (ADR 027): the hash sent must be that of the
 * minutes now, else 409 with the current hash (someone edited them since the reader loaded the page). The text
 * acknowledged is kept with the record, so a later edit does not change what was agreed.
 */
export async function acknowledgeMinutes(scope: PartnershipScope, actor: Actor, input: unknown): Promise<z.infer<typeof ZAcknowledgeOutput>> {
  const { quarter, sha256 } = ZAcknowledgeMinutesInput.parse(input)
  const qbr = await getQbr(scope, { slug: scope.slug, quarter })
  const digest = minutesDigest(qbr)
  if (digest.sha256 !== sha256) {
    throw new AppError('CONFLICT', 'The minutes changed since you read them: read them again before acknowledging', { fieldErrors: [{ field: 'sha256', message: 'Not the hash of the minutes as they stand' }], details: { sha256: digest.sha256 } })
  }
  const prisma = await db()
  const existing = () => prisma.acknowledgement.findFirst({ where: { partnershipId: scope.id, qbrId: qbr.id, sha256, party: scope.party } })
  const found = await existing()
  if (found) return { acknowledgement: toAcknowledgementDto(found, null), already: true, notice: null }
  try {
    const created = await prisma.$transaction(async (tx) => {
      const a = await tx.acknowledgement.create({
        data: { partnershipId: scope.id, subject: 'QBR_MINUTES', qbrId: qbr.id, sha256, party: scope.party, userId: actor.userId, userLabel: actor.label, role: scope.role, wasLatest: true, minutesText: digest.text },
      })
      await recordAudit(tx, { actor, action: 'qbr.acknowledgeMinutes', entityType: 'Qbr', entityId: qbr.id, partnershipId: scope.id, after: { quarter, sha256, party: scope.party } })
      return a
    })
    return { acknowledgement: toAcknowledgementDto(created, null), already: false, notice: null }
  } catch (e) {
    if (isUniqueViolation(e)) return { acknowledgement: toAcknowledgementDto((await existing())!, null), already: true, notice: null }
    throw e
  }
}
