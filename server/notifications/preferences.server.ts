import type { Role } from '../access/permissions.ts'
import { db } from '../db/client.server.ts'
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind, OPTIONAL_KINDS, isAlwaysSent, wants } from './notification-kinds.ts'
import { ZNotificationPreferences, ZSetNotificationPreferencesInput } from './notifications.schemas.ts'

/** The signed-in user's choices, each kind with its effective value (own choice, else the default for their roles). */
export async function getNotificationPreferences(userId: string) {
  const prisma = await db()
  const [rows, memberships] = await Promise.all([
    prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, enabled: true } }),
    prisma.membership.findMany({ where: { userId }, select: { role: true } }),
  ])
  const choices = new Map(rows.map((r) => [r.kind, r.enabled]))
  const roles = memberships.map((m) => m.role)
  return ZNotificationPreferences.parse(
    NOTIFICATION_KINDS.map((kind) => ({
      kind,
      ...NOTIFICATION_LABELS[kind],
      enabled: wants(kind, roles, choices),
      locked: isAlwaysSent(kind),
      chosen: choices.has(kind),
    })),
  )
}

/** Stores the user's choice for every optional kind in one transaction (the ones not listed are off). */
export async function setNotificationPreferences(userId: string, input: unknown) {
  const { enabled } = ZSetNotificationPreferencesInput.parse(input)
  const on = new Set<string>(enabled)
  const prisma = await db()
  await prisma.$transaction(
    OPTIONAL_KINDS.map((kind) =>
      prisma.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, enabled: on.has(kind) },
        update: { enabled: on.has(kind) },
      }),
    ),
  )
  return getNotificationPreferences(userId)
}

export interface Recipient {
  email: string
  name: string
  userId: string | null
}

/**
 * Which of these addresses get a message of this kind. A user's choice decides; without one, the default for the
 * roles they hold in `orgIds` (the organizations the message is about; all of theirs when not given). An address
 * with no user behind it (an external attendee) receives what it was explicitly sent.
 */
export async function filterByPreference(
  kind: NotificationKind,
  people: ReadonlyArray<{ email: string; name?: string | null }>,
  orgIds?: readonly string[],
): Promise<Recipient[]> {
  const byEmail = new Map<string, { email: string; name?: string | null }>()
  for (const p of people) byEmail.set(p.email.trim().toLowerCase(), p)
  if (byEmail.size === 0) return []
  const users = await (await db()).user.findMany({
    where: { email: { in: [...byEmail.keys()] } },
    select: {
      id: true,
      email: true,
      name: true,
      notificationPreferences: { select: { kind: true, enabled: true } },
      memberships: { select: { role: true, organizationId: true } },
    },
  })
  const known = new Map(users.map((u) => [u.email, u]))
  const out: Recipient[] = []
  for (const [email, person] of byEmail) {
    const user = known.get(email)
    if (!user) {
      out.push({ email, name: person.name || email, userId: null })
      continue
    }
    const roles: Role[] = user.memberships.filter((m) => !orgIds || orgIds.includes(m.organizationId)).map((m) => m.role)
    if (wants(kind, roles, new Map(user.notificationPreferences.map((p) => [p.kind, p.enabled])))) out.push({ email, name: user.name, userId: user.id })
  }
  return out
}

/** The members of a partnership's two organizations (optionally one party, optionally some roles) who want this kind. */
export async function partnershipRecipients(
  partnership: { mspOrgId: string; clientOrgId: string },
  kind: NotificationKind,
  filter: { party?: 'MSP' | 'CLIENT'; roles?: readonly Role[] } = {},
): Promise<Array<Recipient & { role: Role; party: 'MSP' | 'CLIENT' }>> {
  const orgIds = filter.party === 'MSP' ? [partnership.mspOrgId] : filter.party === 'CLIENT' ? [partnership.clientOrgId] : [partnership.mspOrgId, partnership.clientOrgId]
  const members = await (await db()).membership.findMany({
    where: { organizationId: { in: orgIds }, ...(filter.roles ? { role: { in: [...filter.roles] } } : {}) },
    select: { role: true, organizationId: true, user: { select: { id: true, email: true, name: true, notificationPreferences: { select: { kind: true, enabled: true } } } } },
    orderBy: { user: { email: 'asc' } },
  })
  return members
    .filter((m) => wants(kind, [m.role], new Map(m.user.notificationPreferences.map((p) => [p.kind, p.enabled]))))
    .map((m) => ({
      email: m.user.email,
      name: m.user.name,
      userId: m.user.id,
      role: m.role,
      party: m.organizationId === partnership.mspOrgId ? ('MSP' as const) : ('CLIENT' as const),
    }))
}
