import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { enqueueWebhookEvents, kickWebhookDeliveries } from './enqueue-webhook-event.server.ts'

const DAY = 86_400_000

/**
 * The hourly sweep for `action_item.overdue`: an open action item whose due day has passed is an event once per
 * due day (a NotificationSent key, written in the transaction of its deliveries). Only partnerships with an
 * endpoint subscribed to the event are looked at, so the sweep costs nothing where nobody listens.
 */
export async function emitOverdueActionItems(now = new Date()): Promise<{ events: number; deliveries: number }> {
  const prisma = await db()
  const listening = await prisma.webhookEndpoint.findMany({ where: { enabled: true, events: { has: 'action_item.overdue' } }, select: { organizationId: true } })
  if (listening.length === 0) return { events: 0, deliveries: 0 }
  const orgs = [...new Set(listening.map((e) => e.organizationId))]
  const today = new Date(Math.floor(now.getTime() / DAY) * DAY)
  const items = await prisma.qbrActionItem.findMany({
    where: {
      deletedAt: null,
      status: { in: ['OPEN', 'IN_PROGRESS'] },
      dueDate: { not: null, lt: today },
      qbr: { deletedAt: null, partnership: { OR: [{ mspOrgId: { in: orgs } }, { clientOrgId: { in: orgs } }] } },
    },
    select: { id: true, title: true, dueDate: true, status: true, partnershipId: true, qbr: { select: { quarter: true, title: true } } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  })
  let events = 0
  let deliveries = 0
  for (const item of items) {
    const dueDay = item.dueDate!.toISOString().slice(0, 10)
    try {
      deliveries += await prisma.$transaction(async (tx) => {
        await tx.notificationSent.create({ data: { key: `webhook:action-item-overdue:${item.id}:${dueDay}`, partnershipId: item.partnershipId } })
        return enqueueWebhookEvents(
          tx,
          item.partnershipId,
          [{ event: 'action_item.overdue', data: { actionItem: { id: item.id, title: item.title, status: item.status, dueDate: dueDay }, qbr: item.qbr } }],
          now,
        )
      })
      events++
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue
      throw error
    }
  }
  if (deliveries > 0) await kickWebhookDeliveries()
  return { events, deliveries }
}
