import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { toStandardDto } from './standard.mapper.ts'
import { ZListStandardsInput } from './standards.schemas.ts'
import { requireMspLibrary } from './require-msp-library.ts'
import { byLibraryOrder } from './standard-order.ts'

export async function listStandards(scope: OrgScope, input: unknown) {
  const { includeRetired } = ZListStandardsInput.parse(input)
  const organizationId = requireMspLibrary(scope)
  const rows = await (await db()).standard.findMany({
    where: { organizationId, ...(includeRetired ? {} : { retiredAt: null }) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return rows.sort(byLibraryOrder).map(toStandardDto)
}

export async function getStandard(scope: OrgScope, id: string) {
  const organizationId = requireMspLibrary(scope)
  const row = await (await db()).standard.findFirst({ where: { id, organizationId } })
  if (!row) throw notFound('Standard')
  return toStandardDto(row)
}
