import { z } from 'zod'
import { sendEmails } from '../../emails/send-email.server.ts'
import { type ReminderLine, actionItemReminderEmail } from '../../emails/templates/action-item-reminder.tsx'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { filterByPreference } from './preferences.server.ts'

export const ZActionItemReminderInput = z.object({
  items: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string().trim().min(1).max(300),
        qbrTitle: z.string().trim().min(1).max(200),
        partnershipId: z.string().min(1),
        /** The day it is due (a date or an instant; compared by UTC day). */
        dueDate: z.coerce.date(),
        /** Items that are done or dropped get no reminder. */
        open: z.boolean(),
        url: z.url(),
        owner: z.object({ email: z.email(), name: z.string().trim().max(200).nullish() }),
      }),
    )
    .max(10_000),
  /** "Due soon" means due within this many days from today. */
  withinDays: z.number().int().min(0).max(60).default(3),
  appUrl: z.url().optional(),
})
export type ActionItemReminderInput = z.input<typeof ZActionItemReminderInput>

const DAY = 86_400_000
const utcDay = (d: Date) => Math.floor(d.getTime() / DAY)

/** DUE_SOON from `withinDays` before the due day through the due day; OVERDUE from the day after. */
export function reminderState(dueDate: Date, now: Date, withinDays: number): 'DUE_SOON' | 'OVERDUE' | null {
  const days = utcDay(dueDate) - utcDay(now)
  if (days < 0) return 'OVERDUE'
  return days <= withinDays ? 'DUE_SOON' : null
}

/**
 * Reminds owners of open action items that are due soon or overdue: one message per owner listing their items,
 * each item at most once per state and due date (recorded in NotificationSent before the mail leaves), and only
 * to owners who want reminders. Returns how many items were reminded and how many messages went.
 */
export async function sendActionItemReminders(input: ActionItemReminderInput, now = new Date()) {
  const { items, withinDays, appUrl: givenUrl } = ZActionItemReminderInput.parse(input)
  const appUrl = givenUrl?.replace(/\/$/, '') ?? appBaseUrl()
  const prisma = await db()
  const partnerships = new Map(
    (await prisma.partnership.findMany({ where: { id: { in: [...new Set(items.map((i) => i.partnershipId))] } }, select: { id: true, mspOrgId: true, clientOrgId: true } })).map((p) => [p.id, p]),
  )
  const byOwner = new Map<string, { email: string; name: string; lines: ReminderLine[]; partnershipId: string }>()
  let reminded = 0
  for (const item of items) {
    const state = item.open ? reminderState(item.dueDate, now, withinDays) : null
    const partnership = partnerships.get(item.partnershipId)
    if (!state || !partnership) continue
    const [owner] = await filterByPreference('ACTION_ITEM', [item.owner], [partnership.mspOrgId, partnership.clientOrgId])
    if (!owner) continue
    const key = `action-item:${item.id}:${state}:${item.dueDate.toISOString().slice(0, 10)}`
    try {
      await prisma.notificationSent.create({ data: { key, partnershipId: item.partnershipId } })
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue
      throw error
    }
    reminded++
    // One message per owner and partnership, so each message is about one partnership (the outbox scopes by it).
    const group = `${owner.email}|${item.partnershipId}`
    const entry = byOwner.get(group) ?? { email: owner.email, name: owner.name, lines: [], partnershipId: item.partnershipId }
    entry.lines.push({ title: item.title, qbrTitle: item.qbrTitle, dueDate: item.dueDate, state, url: item.url })
    byOwner.set(group, entry)
  }
  let messages = 0
  for (const entry of byOwner.values()) {
    const rendered = await actionItemReminderEmail({ ownerName: entry.name, items: entry.lines, appUrl })
    await sendEmails([{ ...rendered, to: entry.email, kind: 'ACTION_ITEM', context: { partnershipId: entry.partnershipId } }])
    messages++
  }
  return { reminded, messages }
}
