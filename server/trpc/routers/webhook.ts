import { z } from 'zod'
import { ZSlug } from '../../partnerships/partnerships.schemas.ts'
import { createWebhookEndpoint } from '../../webhooks/create-webhook-endpoint.server.ts'
import { deleteWebhookEndpoint } from '../../webhooks/delete-webhook-endpoint.server.ts'
import { listWebhookDeliveries, listWebhookEndpoints } from '../../webhooks/list-webhooks.server.ts'
import { resendWebhookDelivery } from '../../webhooks/resend-webhook-delivery.server.ts'
import { rotateWebhookSecret } from '../../webhooks/rotate-webhook-secret.server.ts'
import { sendTestWebhook } from '../../webhooks/send-test-webhook.server.ts'
import { updateWebhookEndpoint } from '../../webhooks/update-webhook-endpoint.server.ts'
import {
  ZCreateWebhookInput,
  ZListWebhookDeliveriesInput,
  ZUpdateWebhookInput,
  ZWebhookDelivery,
  ZWebhookEndpoint,
  ZWebhookIdInput,
  ZWebhookWithSecret,
} from '../../webhooks/webhooks.schemas.ts'
import { orgProcedure, router } from '../init.ts'

// An organization's webhook endpoints and their delivery log: its admins only (webhook.manage, ADR 028).
const ZOrgInput = z.object({ org: ZSlug })

export const webhookRouter = router({
  list: orgProcedure('webhook.manage').input(ZOrgInput).output(z.array(ZWebhookEndpoint)).query(({ ctx }) => listWebhookEndpoints(ctx.scope)),
  create: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZCreateWebhookInput.shape))
    .output(ZWebhookWithSecret)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.scope, ctx.actor, input)),
  update: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZUpdateWebhookInput.shape))
    .output(ZWebhookEndpoint)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.scope, ctx.actor, input)),
  rotateSecret: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZWebhookIdInput.shape))
    .output(ZWebhookWithSecret)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.scope, ctx.actor, input)),
  delete: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZWebhookIdInput.shape))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteWebhookEndpoint(ctx.scope, ctx.actor, input)),
  sendTest: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZWebhookIdInput.shape))
    .output(ZWebhookDelivery)
    .mutation(({ ctx, input }) => sendTestWebhook(ctx.scope, input)),
  // A FAILED delivery sent again: a new row, the same event id (ADR 028 addendum).
  resend: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZWebhookIdInput.shape))
    .output(ZWebhookDelivery)
    .mutation(({ ctx, input }) => resendWebhookDelivery(ctx.scope, ctx.actor, input)),
  deliveries: orgProcedure('webhook.manage')
    .input(ZOrgInput.extend(ZListWebhookDeliveriesInput.shape))
    .output(z.array(ZWebhookDelivery))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.scope, input)),
})
