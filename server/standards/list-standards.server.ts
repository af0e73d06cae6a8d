import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { toStandardDto } from './standard.mapper.ts'
import { ZListStandardsInput } from './standards.schemas.ts'
import { requireMspLibrary } from './require-msp-library.ts'
import { STANDARD_CATEGORIES } from './starter-library.ts'

const categoryRank = (c: string) => {
  const i = (STANDARD_CATEGORIES as readonly string[]).indexOf(c)
  return i === -1 ? STANDARD_CATEGORIES.length : i
}

export async function listStandards(scope: OrgScope, input: unknown) {
  const { includeRetired } = ZListStandardsInput.parse(input)
  const organizationId = requireMspLibrary(scope)
  const rows = await (await db()).standard.findMany({
    where: { organizationId, ...(includeRetired ? {} : { retiredAt: null }) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  // The starter categories in their own order, the MSP's own categories after them by name.
  return rows
    .sort((a, b) => categoryRank(a.category) - categoryRank(b.category) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0))
    .map(toStandardDto)
}

export async function getStandard(scope: OrgScope, id: string) {
  const organizationId = requireMspLibrary(scope)
  const row = await (await db()).standard.findFirst({ where: { id, organizationId } })
  if (!row) throw notFound('Standard')
  return toStandardDto(row)
}
