import { db } from '../db/client.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { sendActionItemReminders } from '../notifications/send-action-item-reminders.server.ts'

const DAY_MS = 86_400_000

/**
 * The scheduled sweep: open action items of every partnership that are due within `withinDays` or overdue, and
 * have a member as owner, are handed to the reminder sender (which mails each item once per state and due day,
 * to owners who want reminders). An operator task across tenants: each item carries its own partnership.
 */
export async function remindActionItems(now = new Date(), withinDays = 3) {
  const prisma = await db()
  const items = await prisma.qbrActionItem.findMany({
    where: {
      deletedAt: null,
      status: { in: ['OPEN', 'IN_PROGRESS'] },
      ownerUserId: { not: null },
      dueDate: { not: null, lt: new Date(now.getTime() + (withinDays + 1) * DAY_MS) },
      qbr: { deletedAt: null },
    },
    select: { id: true, title: true, dueDate: true, ownerUserId: true, partnershipId: true, qbr: { select: { title: true, quarter: true, partnership: { select: { slug: true } } } } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  })
  if (items.length === 0) return { reminded: 0, messages: 0 }
  const owners = new Map(
    (await prisma.user.findMany({ where: { id: { in: [...new Set(items.map((i) => i.ownerUserId!))] } }, select: { id: true, email: true, name: true } })).map((u) => [u.id, u]),
  )
  const base = appBaseUrl()
  return sendActionItemReminders(
    {
      withinDays,
      appUrl: base,
      items: items
        .filter((i) => owners.has(i.ownerUserId!))
        .map((i) => ({
          id: i.id,
          title: i.title,
          qbrTitle: i.qbr.title,
          partnershipId: i.partnershipId,
          dueDate: i.dueDate!,
          open: true,
          url: `${base}/p/${i.qbr.partnership.slug}/qbrs/${i.qbr.quarter}`,
          owner: { email: owners.get(i.ownerUserId!)!.email, name: owners.get(i.ownerUserId!)!.name },
        })),
    },
    now,
  )
}
