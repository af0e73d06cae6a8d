import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { byLibraryOrder } from '../standards/standard-order.ts'
import { prng } from './demo-tickets.ts'

const DAY = 86_400_000

/**
 * Two reviewed standards assessments a quarter apart, the later one better aligned, so the trend, the QBR pages and
 * the pack's alignment section have something to show. Written once per partnership, straight to the tables with
 * their historical dates (the seed, not a user, is the author).
 */
export async function seedDemoAssessments(scope: PartnershipScope, slug: string, engineer: string, manager: string, now: Date): Promise<void> {
  const prisma = await db()
  if (await prisma.assessment.count({ where: { partnershipId: scope.id } })) return
  const standards = await prisma.standard.findMany({ where: { organizationId: scope.mspOrgId, retiredAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })
  if (standards.length === 0) return
  standards.sort(byLibraryOrder)
  const rand = prng(`${slug}-assessments`)
  const rounds = [
    { title: 'Baseline assessment', daysAgo: 120, alignedShare: 0.55 },
    { title: 'Quarterly re-assessment', daysAgo: 25, alignedShare: 0.75 },
  ]
  for (const round of rounds) {
    const at = new Date(now.getTime() - round.daysAgo * DAY)
    const reviewedAt = new Date(at.getTime() + 3 * DAY)
    const assessment = await prisma.assessment.create({
      data: { partnershipId: scope.id, title: round.title, status: 'REVIEWED', createdByLabel: engineer, createdAt: at, submittedAt: new Date(at.getTime() + DAY), submittedByLabel: engineer, reviewedAt, reviewedByLabel: manager, version: 3 },
    })
    await prisma.assessmentAnswer.createMany({
      data: standards.map((s, i) => {
        const r = rand()
        const alignment = r < round.alignedShare ? 'ALIGNED' : r < round.alignedShare + 0.05 ? 'NOT_APPLICABLE' : r < round.alignedShare + 0.1 ? 'UNKNOWN' : 'MISALIGNED'
        return {
          partnershipId: scope.id,
          assessmentId: assessment.id,
          standardId: s.id,
          standardVersion: s.version,
          category: s.category,
          question: s.question,
          severity: s.severity,
          remediation: s.remediation,
          alignment,
          evidence: alignment === 'ALIGNED' ? 'Checked in the management console.' : alignment === 'MISALIGNED' ? 'Gaps found during the check.' : '',
          answeredByLabel: engineer,
          answeredAt: new Date(at.getTime() + DAY / 2),
          sortOrder: i,
          version: 2,
        } as const
      }),
    })
  }
}
