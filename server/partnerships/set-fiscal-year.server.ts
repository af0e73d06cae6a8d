import { z } from 'zod'
import { ZQuarter } from '../validation/bounds.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { FISCAL_START_MONTHS, quarterLabel } from '../../app/utils/labels.ts'
import { ZSlug } from './partnerships.schemas.ts'

export const ZSetFiscalYearInput = z.object({
  slug: ZSlug,
  startMonth: z.union(FISCAL_START_MONTHS.map((m) => z.literal(m)) as [z.ZodLiteral<1>, z.ZodLiteral<4>, z.ZodLiteral<7>, z.ZodLiteral<10>], { error: 'The first month of a quarter: 1, 4, 7 or 10' }),
  /** A quarter to label with the new setting, for the answer. */
  quarter: ZQuarter.optional(),
})
export const ZSetFiscalYearOutput = z.object({ startMonth: z.number(), example: z.string().nullable() })

/** The month the partnership's fiscal year starts: packs, budgets and QBR labels read in its fiscal quarters (ADR 027). */
export async function setFiscalYear(scope: PartnershipScope, actor: Actor, input: unknown): Promise<z.infer<typeof ZSetFiscalYearOutput>> {
  const { startMonth, quarter } = ZSetFiscalYearInput.parse(input)
  await (await db()).$transaction(async (tx) => {
    const before = await tx.partnership.findUniqueOrThrow({ where: { id: scope.id }, select: { fiscalYearStartMonth: true } })
    await tx.partnership.update({ where: { id: scope.id }, data: { fiscalYearStartMonth: startMonth, settingsVersion: { increment: 1 } } })
    await recordAudit(tx, { actor, action: 'partnership.setFiscalYear', entityType: 'Partnership', entityId: scope.id, partnershipId: scope.id, before, after: { fiscalYearStartMonth: startMonth } })
  })
  return { startMonth, example: quarter ? quarterLabel(quarter, startMonth) : null }
}
