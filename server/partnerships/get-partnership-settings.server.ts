import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { PartnershipSettings } from './partnership-settings.schemas.ts'

/** The partnership's QBR cadence, account manager and fiscal year, with the MSP members who may own it. */
export async function getPartnershipSettings(scope: PartnershipScope): Promise<PartnershipSettings> {
  const prisma = await db()
  const [p, members] = await Promise.all([
    prisma.partnership.findUniqueOrThrow({
      where: { id: scope.id },
      select: { slug: true, qbrCadenceMonths: true, ownerUserId: true, fiscalYearStartMonth: true, settingsVersion: true, clientOrg: { select: { name: true } } },
    }),
    prisma.membership.findMany({ where: { organizationId: scope.mspOrgId }, select: { role: true, user: { select: { id: true, name: true, email: true } } }, orderBy: { user: { name: 'asc' } } }),
  ])
  return {
    slug: p.slug,
    clientName: p.clientOrg.name,
    qbrCadenceMonths: p.qbrCadenceMonths,
    ownerUserId: p.ownerUserId,
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    version: p.settingsVersion,
    candidates: members.map((m) => ({ ...m.user, role: m.role })),
  }
}
