import { ZOrgLogoInput, ZOrgLogoOutput, ZSetOrgLogoInput, removeOrgLogo, setOrgLogo } from '../../organizations/set-org-logo.server.ts'
import { ZOrgBranding, getOrgBranding } from '../../organizations/get-org-logo.server.ts'
import { orgProcedure, router } from '../init.ts'

// An MSP's branding on its packs: the logo (ADR 027).
export const brandingRouter = router({
  get: orgProcedure('org.brand').input(ZOrgLogoInput).output(ZOrgBranding).query(({ ctx }) => getOrgBranding(ctx.scope)),
  setLogo: orgProcedure('org.brand').input(ZSetOrgLogoInput).output(ZOrgLogoOutput).mutation(({ ctx, input }) => setOrgLogo(ctx.scope, ctx.actor, input)),
  removeLogo: orgProcedure('org.brand').input(ZOrgLogoInput).output(ZOrgLogoOutput).mutation(({ ctx }) => removeOrgLogo(ctx.scope, ctx.actor)),
})
