import { registerPasswordResetJobs } from '../auth/password-reset.server.ts'
import { registerSyncJobs } from '../connectors/sync-jobs.server.ts'
import { registerPackJobs } from '../pack/pack-job.server.ts'
import { registerWebhookJobs } from '../webhooks/webhook-jobs.server.ts'
import { registerReevaluateJobs } from '../sla/stored/reevaluate-verdicts.server.ts'

/** Every kind of background job this app runs: the server registers them before starting its runner, tests before draining. */
export function registerJobHandlers(): void {
  registerSyncJobs()
  registerPackJobs()
  registerPasswordResetJobs()
  registerWebhookJobs()
  registerReevaluateJobs()
}
