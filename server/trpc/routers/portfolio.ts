import { z } from 'zod'
import { clientOverview } from '../../overview/client-overview.server.ts'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { ZPortfolioPackJobsInput, generatePortfolioPacks, portfolioPackJobs } from '../../portfolio/generate-portfolio-packs.server.ts'
import { listPortfolio } from '../../portfolio/list-portfolio.server.ts'
import { ZPortfolioListInput, ZPortfolioPacksInput } from '../../portfolio/portfolio.schemas.ts'
import { expensive, orgProcedure, router } from '../init.ts'

// The MSP's portfolio (org = the MSP) and the client's overview (org = the client). The organization is resolved by
// the access policy (orgProcedure); the domain functions refuse the other kind of organization with 403.
export const portfolioRouter = router({
  list: orgProcedure('portfolio.read').use(expensive('report')).input(ZPortfolioListInput).query(({ ctx, input }) => listPortfolio(ctx.scope, input)),
  generatePacks: orgProcedure('pack.generate')
    .use(expensive('pack'))
    .input(ZPortfolioPacksInput)
    .mutation(({ ctx, input }) => generatePortfolioPacks(ctx.scope, ctx.actor, input)),
  packJobs: orgProcedure('portfolio.read').input(ZPortfolioPackJobsInput).query(({ ctx, input }) => portfolioPackJobs(ctx.scope, input)),
  clientOverview: orgProcedure('partnership.read').input(z.object({ org: ZSlug })).query(({ ctx }) => clientOverview(ctx.scope)),
})
