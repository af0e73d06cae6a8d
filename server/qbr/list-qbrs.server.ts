import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { toQbrDto } from './qbr.mapper.ts'
import { OPEN_ACTION_STATUSES, ZListQbrsInput } from './qbr.schemas.ts'

/** The partnership's QBRs, latest quarter first, with agenda size and open action items raised in each. */
export async function listQbrs(scope: PartnershipScope, input: unknown) {
  ZListQbrsInput.parse(input)
  const rows = await (await db()).qbr.findMany({
    where: { partnershipId: scope.id, deletedAt: null },
    orderBy: { quarter: 'desc' },
    include: {
      _count: {
        select: {
          agendaItems: { where: { deletedAt: null } },
          actionItems: { where: { deletedAt: null, status: { in: [...OPEN_ACTION_STATUSES] } } },
        },
      },
    },
  })
  return rows.map(({ _count, ...q }) => ({ ...toQbrDto(q), agendaItems: _count.agendaItems, openActionItems: _count.actionItems }))
}
