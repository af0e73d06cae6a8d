import { PERMISSIONS, roleCan } from '../access/permissions.ts'
import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { ORG_SUMMARY_SELECT } from './list-partnerships.server.ts'
import type { PartnershipDetail } from './partnerships.schemas.ts'

const PARTY_SELECT = {
  ...ORG_SUMMARY_SELECT,
  memberships: { select: { role: true, user: { select: { name: true, email: true } } }, orderBy: { user: { name: 'asc' } } },
} as const

/** The two parties of a partnership and who is in each; what the caller's role allows. */
export async function getPartnership(scope: PartnershipScope): Promise<PartnershipDetail> {
  const prisma = await db()
  const [p, firstTicket] = await Promise.all([
    prisma.partnership.findUniqueOrThrow({
      where: { id: scope.id },
      select: { slug: true, status: true, createdAt: true, fiscalYearStartMonth: true, mspOrg: { select: PARTY_SELECT }, clientOrg: { select: PARTY_SELECT } },
    }),
    prisma.ticket.aggregate({ where: { partnershipId: scope.id }, _min: { createdAt: true } }),
  ])
  // Partners since the work began: tickets imported from the PSA can predate the partnership's row in Accord.
  const first = firstTicket._min.createdAt
  const since = first && first < p.createdAt ? first : p.createdAt
  const party = ({ memberships, ...org }: typeof p.mspOrg) => ({
    ...org,
    members: memberships.map((m) => ({ name: m.user.name, email: m.user.email, role: m.role })),
  })
  return {
    slug: p.slug,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
    since: since.toISOString(),
    fiscalYearStartMonth: p.fiscalYearStartMonth,
    msp: party(p.mspOrg),
    client: party(p.clientOrg),
    myParty: scope.party,
    myRole: scope.role,
    permissions: PERMISSIONS.filter((perm) => roleCan(scope.role, perm)),
  }
}
