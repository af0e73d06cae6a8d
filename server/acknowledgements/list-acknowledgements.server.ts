import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { getQbr } from '../qbr/get-qbr.server.ts'
import { type AcknowledgementsDto, ZListAcknowledgementsInput } from './acknowledgement.schemas.ts'
import { toAcknowledgementDto } from './acknowledgement.mapper.ts'
import { minutesDigest } from './minutes-digest.ts'

/**
 * Who acknowledged what in a quarter: each pack version's acknowledgements, and the QBR's minutes as they stand
 * (their text and hash, to acknowledge) with the acknowledgements of this or an earlier text (`wasLatest` false).
 */
export async function listAcknowledgements(scope: PartnershipScope, input: unknown): Promise<AcknowledgementsDto> {
  const { quarter } = ZListAcknowledgementsInput.parse(input)
  const prisma = await db()
  const [packRows, qbr] = await Promise.all([
    prisma.acknowledgement.findMany({
      where: { partnershipId: scope.id, subject: 'PACK_VERSION', packVersion: { partnershipId: scope.id, quarter } },
      include: { packVersion: { select: { version: true } } },
      orderBy: { acknowledgedAt: 'asc' },
    }),
    getQbr(scope, { slug: scope.slug, quarter }).catch((e) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null
      throw e
    }),
  ])
  const packs = packRows.map((a) => toAcknowledgementDto(a, a.packVersion!.version))
  if (!qbr) return { packs, minutes: null }
  const digest = minutesDigest(qbr)
  const minuteRows = await prisma.acknowledgement.findMany({ where: { partnershipId: scope.id, subject: 'QBR_MINUTES', qbrId: qbr.id }, orderBy: { acknowledgedAt: 'asc' } })
  return { packs, minutes: { ...digest, acknowledgements: minuteRows.map((a) => toAcknowledgementDto(a, null, a.sha256 === digest.sha256)) } }
}
