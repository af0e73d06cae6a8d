import { registerJobHandler } from '../jobs/jobs.server.ts'
import { deliverDueWebhooks } from './deliver-webhooks.server.ts'
import { WEBHOOK_JOB } from './enqueue-webhook-event.server.ts'

export function registerWebhookJobs(): void {
  registerJobHandler(WEBHOOK_JOB, (_job, ctx) => deliverDueWebhooks({ signal: ctx.signal }))
}
