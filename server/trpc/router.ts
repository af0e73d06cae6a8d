import { createCallerFactory, router } from './init.ts'
import { meProcedure } from './routers/me.ts'
import { orgRouter } from './routers/org.ts'
import { packRouter } from './routers/pack.ts'
import { partnershipRouter } from './routers/partnership.ts'
import { metricsRouter, ticketsRouter } from './routers/tickets.ts'
import { slaRouter } from './routers/sla.ts'
import { tokenRouter } from './routers/token.ts'
import { csiRouter, responsibilityRouter, roadmapRouter } from './routers/workspace.ts'

export const appRouter = router({
  me: meProcedure,
  partnership: partnershipRouter,
  org: orgRouter,
  token: tokenRouter,
  tickets: ticketsRouter,
  metrics: metricsRouter,
  sla: slaRouter,
  responsibility: responsibilityRouter,
  roadmap: roadmapRouter,
  csi: csiRouter,
  pack: packRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
