import { ZConnectorStatus, ZListRunsInput, ZSaveConnectionInput, ZSlugInput, ZStartSyncInput, ZSyncRun, ZTestResult } from '../../connectors/connector.schemas.ts'
import { getConnectorStatus, listSyncRuns } from '../../connectors/connector-status.server.ts'
import { saveConnection } from '../../connectors/save-connection.server.ts'
import { startSync } from '../../connectors/sync-jobs.server.ts'
import { testConnection } from '../../connectors/test-connection.server.ts'
import { z } from 'zod'
import { partnershipProcedure, router } from '../init.ts'

export const connectorRouter = router({
  status: partnershipProcedure('connector.read').input(ZSlugInput).output(ZConnectorStatus).query(({ ctx }) => getConnectorStatus(ctx.scope)),
  runs: partnershipProcedure('connector.read').input(ZListRunsInput).output(z.object({ runs: z.array(ZSyncRun) })).query(({ ctx, input }) => listSyncRuns(ctx.scope, input)),
  save: partnershipProcedure('connector.manage').input(ZSaveConnectionInput).mutation(({ ctx, input }) => saveConnection(ctx.scope, ctx.actor, input)),
  test: partnershipProcedure('connector.manage').input(ZSlugInput).output(ZTestResult).mutation(({ ctx }) => testConnection(ctx.scope, ctx.actor)),
  startSync: partnershipProcedure('sync.run').input(ZStartSyncInput).mutation(({ ctx, input }) => startSync(ctx.scope, ctx.actor, input)),
})
