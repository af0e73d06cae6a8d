import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { type PackAlignment, packAlignment } from './alignment-section.ts'

/** The alignment part as of the pack's instant: the two assessments reviewed last by then. */
export async function loadAlignmentSection(scope: PartnershipScope, asOf: Date): Promise<PackAlignment> {
  const rows = await (await db()).assessment.findMany({
    where: { partnershipId: scope.id, status: 'REVIEWED', reviewedAt: { lte: asOf } },
    orderBy: [{ reviewedAt: 'desc' }, { id: 'asc' }],
    take: 2,
    select: { title: true, reviewedAt: true, answers: { select: { category: true, question: true, severity: true, alignment: true, remediation: true, sortOrder: true } } },
  })
  return packAlignment(rows.map((r) => ({ ...r, reviewedAt: r.reviewedAt! })))
}
