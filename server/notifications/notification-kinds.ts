import type { Role } from '../access/permissions.ts'

// Every kind of message Accord sends. A user chooses which they receive, except invitations (the recipient is not
// a user yet, and a person invited must learn of it). Without a choice, the defaults below apply by role.
export const NOTIFICATION_KINDS = [
  'INVITATION',
  'QBR_INVITATION',
  'PACK_READY',
  'SLA_BREACH',
  'SLA_DIGEST',
  'SLA_AT_RISK',
  'ACTION_ITEM',
  'ROADMAP_APPROVAL',
  'SLA_DISPUTE',
  'PASSWORD_RESET',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Sent whatever the recipient chose: they are about getting into an account. */
export const ALWAYS_SENT_KINDS = ['INVITATION', 'PASSWORD_RESET'] as const satisfies readonly NotificationKind[]
type AlwaysSent = (typeof ALWAYS_SENT_KINDS)[number]
export const isAlwaysSent = (kind: NotificationKind): kind is AlwaysSent => (ALWAYS_SENT_KINDS as readonly string[]).includes(kind)

export const OPTIONAL_KINDS = NOTIFICATION_KINDS.filter((k) => !isAlwaysSent(k)) as Array<Exclude<NotificationKind, AlwaysSent>>
export type OptionalKind = (typeof OPTIONAL_KINDS)[number]

export const NOTIFICATION_LABELS: Record<NotificationKind, { title: string; hint: string }> = {
  INVITATION: { title: 'Invitations', hint: 'Always sent.' },
  QBR_INVITATION: { title: 'QBR invitations', hint: 'Calendar invitations, updates and cancellations for quarterly business reviews you attend.' },
  PACK_READY: { title: 'QBR pack ready', hint: 'When a QBR pack has been generated, with a link to download it.' },
  SLA_BREACH: { title: 'SLA breach alerts (P1/P2)', hint: 'At once, when a P1 or P2 ticket breaches its response or resolution target.' },
  SLA_DIGEST: { title: 'Daily SLA digest', hint: 'One message a day listing the other (P3/P4) breaches of the day before.' },
  SLA_AT_RISK: { title: 'SLA at-risk alerts', hint: 'When an open ticket has used most of its response or resolution budget (the share the SLA policy sets), before it breaches.' },
  ACTION_ITEM: { title: 'Action item reminders', hint: 'When an action item you own is due soon or overdue.' },
  ROADMAP_APPROVAL: { title: 'Roadmap approval requests', hint: 'When a roadmap item needs your party’s approval.' },
  PASSWORD_RESET: { title: 'Password reset links', hint: 'Always sent, when you ask for one.' },
  SLA_DISPUTE: { title: 'SLA verdict disputes', hint: 'When the client disputes an SLA verdict, and when the MSP accepts or rejects a dispute.' },
}

// The people who answer for the partnership on each side hear of breaches by default; everyone else opts in.
const SLA_ROLES: readonly Role[] = ['MSP_ADMIN', 'ACCOUNT_MANAGER', 'CLIENT_EXECUTIVE']

// At-risk alerts are the MSP's to act on: its admins and account managers by default (or whom the policy names);
// a client user hears of them only by opting in.
const AT_RISK_ROLES: readonly Role[] = ['MSP_ADMIN', 'ACCOUNT_MANAGER']

export function defaultEnabled(kind: NotificationKind, roles: readonly Role[]): boolean {
  if (kind === 'SLA_BREACH' || kind === 'SLA_DIGEST') return roles.some((r) => SLA_ROLES.includes(r))
  if (kind === 'SLA_AT_RISK') return roles.some((r) => AT_RISK_ROLES.includes(r))
  return true
}

/** Whether a user with these roles (in the organization the message is about) and these choices gets a kind. */
export function wants(kind: NotificationKind, roles: readonly Role[], choices: ReadonlyMap<string, boolean>): boolean {
  if (isAlwaysSent(kind)) return true
  return choices.get(kind) ?? defaultEnabled(kind, roles)
}
