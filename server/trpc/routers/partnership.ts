import { z } from 'zod'
import { ZListAuditEventsInput, ZAuditPage, listPartnershipAuditEvents } from '../../audit/list-audit-events.server.ts'
import { getPartnership } from '../../partnerships/get-partnership.server.ts'
import { listPartnerships } from '../../partnerships/list-partnerships.server.ts'
import { ZPartnershipDetail, ZPartnershipSlugInput, ZPartnershipSummary } from '../../partnerships/partnerships.schemas.ts'
import { authedProcedure, partnershipProcedure, router } from '../init.ts'

export const partnershipRouter = router({
  list: authedProcedure.output(z.array(ZPartnershipSummary)).query(({ ctx }) => listPartnerships(ctx.user.id)),
  get: partnershipProcedure('partnership.read')
    .input(ZPartnershipSlugInput)
    .output(ZPartnershipDetail)
    .query(({ ctx }) => getPartnership(ctx.scope)),
  audit: partnershipProcedure('audit.read')
    .input(ZPartnershipSlugInput.extend(ZListAuditEventsInput.shape))
    .output(ZAuditPage)
    .query(({ ctx, input }) => listPartnershipAuditEvents(ctx.scope, input)),
})
