import { ZSetFiscalYearInput, ZSetFiscalYearOutput, setFiscalYear } from '../../partnerships/set-fiscal-year.server.ts'
import { partnershipProcedure, router } from '../init.ts'

// A partnership's fiscal year (ADR 027): set by the people who decide for it on either side.
export const fiscalRouter = router({
  set: partnershipProcedure('qbr.manage').input(ZSetFiscalYearInput).output(ZSetFiscalYearOutput).mutation(({ ctx, input }) => setFiscalYear(ctx.scope, ctx.actor, input)),
})
