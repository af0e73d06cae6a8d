import { z } from 'zod'
import { checkSsoConnection } from '../../auth/sso/check-sso-connection.server.ts'
import { claimSsoDomain } from '../../auth/sso/claim-sso-domain.server.ts'
import { getSsoSettings } from '../../auth/sso/get-sso-settings.server.ts'
import { removeSsoDomain } from '../../auth/sso/remove-sso-domain.server.ts'
import { saveSsoConnection } from '../../auth/sso/save-sso-connection.server.ts'
import { ZClaimSsoDomainInput, ZSaveSsoConnectionInput, ZSsoCheckResult, ZSsoDomainIdInput, ZSsoSettings } from '../../auth/sso/sso.schemas.ts'
import { verifySsoDomain } from '../../auth/sso/verify-sso-domain.server.ts'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { orgProcedure, router } from '../init.ts'

const ZOrgInput = z.object({ org: ZSlug })

// An organization's single sign-on, for its admins (docs/decisions/018-oidc-sso.md). No procedure returns the
// client secret.
export const ssoRouter = router({
  settings: orgProcedure('sso.manage')
    .input(ZOrgInput)
    .output(ZSsoSettings)
    .query(({ ctx }) => getSsoSettings(ctx.scope, ctx.appUrl)),
  saveConnection: orgProcedure('sso.manage')
    .input(ZOrgInput.and(ZSaveSsoConnectionInput))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => saveSsoConnection(ctx.scope, ctx.actor, input)),
  checkConnection: orgProcedure('sso.manage')
    .input(ZOrgInput)
    .output(ZSsoCheckResult)
    .mutation(({ ctx }) => checkSsoConnection(ctx.scope)),
  claimDomain: orgProcedure('sso.manage')
    .input(ZOrgInput.extend(ZClaimSsoDomainInput.shape))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => claimSsoDomain(ctx.scope, ctx.actor, input)),
  verifyDomain: orgProcedure('sso.manage')
    .input(ZOrgInput.extend(ZSsoDomainIdInput.shape))
    .output(z.object({ verified: z.boolean(), message: z.string() }))
    .mutation(({ ctx, input }) => verifySsoDomain(ctx.scope, ctx.actor, input)),
  removeDomain: orgProcedure('sso.manage')
    .input(ZOrgInput.extend(ZSsoDomainIdInput.shape))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => removeSsoDomain(ctx.scope, ctx.actor, input)),
})
