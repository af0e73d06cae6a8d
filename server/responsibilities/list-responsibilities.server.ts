import type { PartnershipScope } from '../access/policy.server.ts'
import { visiblePartnershipsWhere } from '../access/policy.server.ts'
import { WORKSPACE_READ_TTL_MS, cachedPartnershipRead } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { toResponsibilityDto } from './responsibility.mapper.ts'

const ORDER = [{ sortOrder: 'asc' as const }, { category: 'asc' as const }, { name: 'asc' as const }]

export async function listResponsibilities(scope: PartnershipScope, options: { includeDeleted?: boolean } = {}) {
  const rows = await (await db()).responsibilityFunction.findMany({
    where: { partnershipId: scope.id, ...(options.includeDeleted ? {} : { deletedAt: null }) },
    orderBy: ORDER,
  })
  return rows.map(toResponsibilityDto)
}

/**
 * The matrix across providers: a client's people see the rows of every partnership of their organization (which
 * MSP holds which function); an MSP's people see only their own partnership's rows.
 */
export async function responsibilityMatrix(scope: PartnershipScope) {
  // A client's matrix spans its partnerships: the cache key names the user, whose visibility decides the rows,
  // and the generation of this partnership (writes elsewhere show within the second).
  return cachedPartnershipRead('responsibility.matrix', scope.id, `${scope.party}|${scope.userId}`, WORKSPACE_READ_TTL_MS, () => readMatrix(scope))
}

async function readMatrix(scope: PartnershipScope) {
  const where =
    scope.party === 'CLIENT'
      ? { partnership: { clientOrgId: scope.orgId, ...visiblePartnershipsWhere(scope.userId) }, deletedAt: null }
      : { partnershipId: scope.id, deletedAt: null }
  const rows = await (await db()).responsibilityFunction.findMany({
    where,
    orderBy: ORDER,
    include: { partnership: { select: { slug: true, mspOrg: { select: { name: true } } } } },
  })
  return rows.map((r) => ({ ...toResponsibilityDto(r), partnershipSlug: r.partnership.slug, mspName: r.partnership.mspOrg.name }))
}

export async function getResponsibility(scope: PartnershipScope, id: string) {
  const row = await (await db()).responsibilityFunction.findFirst({ where: { id, partnershipId: scope.id } })
  if (!row) throw notFound('Responsibility')
  return toResponsibilityDto(row)
}
