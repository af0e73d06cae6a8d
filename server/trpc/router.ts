import { createCallerFactory, router } from './init.ts'
import { accountRouter } from './routers/account.ts'
import { assetsRouter, psaTicketsRouter } from './routers/assets.ts'
import { assessmentsRouter } from './routers/assessments.ts'
import { acknowledgementRouter } from './routers/acknowledgement.ts'
import { brandingRouter } from './routers/branding.ts'
import { fiscalRouter } from './routers/fiscal.ts'
import { connectorRouter } from './routers/connector.ts'
import { disputesRouter } from './routers/disputes.ts'
import { meProcedure } from './routers/me.ts'
import { narrativeRouter } from './routers/narrative.ts'
import { notificationsRouter } from './routers/notifications.ts'
import { orgRouter } from './routers/org.ts'
import { packRouter } from './routers/pack.ts'
import { partnershipRouter } from './routers/partnership.ts'
import { portfolioRouter } from './routers/portfolio.ts'
import { qbrRouter } from './routers/qbr.ts'
import { metricsRouter, ticketsRouter } from './routers/tickets.ts'
import { slaRouter } from './routers/sla.ts'
import { ssoRouter } from './routers/sso.ts'
import { standardsRouter } from './routers/standards.ts'
import { tokenRouter } from './routers/token.ts'
import { webhookRouter } from './routers/webhook.ts'
import { csiRouter, responsibilityRouter, roadmapRouter } from './routers/workspace.ts'

export const appRouter = router({
  me: meProcedure,
  partnership: partnershipRouter,
  org: orgRouter,
  token: tokenRouter,
  account: accountRouter,
  tickets: ticketsRouter,
  metrics: metricsRouter,
  sla: slaRouter,
  responsibility: responsibilityRouter,
  roadmap: roadmapRouter,
  csi: csiRouter,
  connector: connectorRouter,
  qbr: qbrRouter,
  notifications: notificationsRouter,
  pack: packRouter,
  disputes: disputesRouter,
  sso: ssoRouter,
  portfolio: portfolioRouter,
  webhook: webhookRouter,
  assets: assetsRouter,
  psaTickets: psaTicketsRouter,
  standards: standardsRouter,
  assessments: assessmentsRouter,
  acknowledgement: acknowledgementRouter,
  branding: brandingRouter,
  fiscal: fiscalRouter,
  narrative: narrativeRouter,
})

export type AppRouter = typeof appRouter
export const createCaller = createCallerFactory(appRouter)
