// The events an organization's webhook endpoints may subscribe to (ADR 028). The names are the wire names: they go
// in the body's `type` and the `Accord-Event` header, so they never change once shipped.
export const WEBHOOK_EVENTS = ['ticket.breached', 'ticket.at_risk', 'roadmap.approved', 'pack.frozen', 'action_item.overdue'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** Sent by "Send test event" only; no endpoint subscribes to it. */
export const TEST_EVENT = 'webhook.test'

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'ticket.breached': 'A ticket breached its SLA (response or resolution)',
  'ticket.at_risk': 'A ticket’s SLA clock is at risk of breaching',
  'roadmap.approved': 'A roadmap item was approved by both parties',
  'pack.frozen': 'A QBR pack version was generated and frozen',
  'action_item.overdue': 'A QBR action item is overdue',
}
