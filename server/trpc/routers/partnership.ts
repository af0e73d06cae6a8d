import { z } from 'zod'
import { ZListAuditEventsInput, ZAuditPage, listPartnershipAuditEvents } from '../../audit/list-audit-events.server.ts'
import { getPartnership } from '../../partnerships/get-partnership.server.ts'
import { getPartnershipSettings } from '../../partnerships/get-partnership-settings.server.ts'
import { ZPartnershipSettings, ZUpdatePartnershipSettingsInput } from '../../partnerships/partnership-settings.schemas.ts'
import { updatePartnershipSettings } from '../../partnerships/update-partnership-settings.server.ts'
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
  // QBR cadence, account manager and fiscal year (ADR 023 addendum): the MSP's admin and account managers.
  settings: partnershipProcedure('partnership.manage').input(ZPartnershipSlugInput).output(ZPartnershipSettings).query(({ ctx }) => getPartnershipSettings(ctx.scope)),
  updateSettings: partnershipProcedure('partnership.manage')
    .input(ZUpdatePartnershipSettingsInput)
    .output(ZPartnershipSettings)
    .mutation(({ ctx, input }) => updatePartnershipSettings(ctx.scope, ctx.actor, input)),
})
