import { visiblePartnershipsWhere } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import type { PartnershipSummary } from './partnerships.schemas.ts'

export const ORG_SUMMARY_SELECT = { slug: true, name: true, kind: true, logoUrl: true, primaryColor: true } as const

/** Every partnership the user is a party to, with the user's party and role in each. */
export async function listPartnerships(userId: string): Promise<PartnershipSummary[]> {
  const prisma = await db()
  const [rows, memberships] = await Promise.all([
    prisma.partnership.findMany({
      where: visiblePartnershipsWhere(userId),
      select: { slug: true, status: true, mspOrgId: true, clientOrgId: true, mspOrg: { select: ORG_SUMMARY_SELECT }, clientOrg: { select: ORG_SUMMARY_SELECT } },
      orderBy: [{ slug: 'asc' }],
    }),
    prisma.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } }),
  ])
  const roleIn = new Map(memberships.map((m) => [m.organizationId, m.role]))
  return rows.map((p) => {
    const mspRole = roleIn.get(p.mspOrgId)
    return {
      slug: p.slug,
      status: p.status,
      msp: p.mspOrg,
      client: p.clientOrg,
      myParty: mspRole ? 'MSP' : 'CLIENT',
      myRole: (mspRole ?? roleIn.get(p.clientOrgId))!,
    }
  })
}
