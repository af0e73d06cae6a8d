// The permission registry: every permission is a typed string, granted to roles here and nowhere else.
// Later capabilities add their permissions to PERMISSIONS and to the role grants below.
export const ROLES = ['MSP_ADMIN', 'ACCOUNT_MANAGER', 'MSP_ENGINEER', 'CLIENT_EXECUTIVE', 'CLIENT_IT', 'VIEWER'] as const
export type Role = (typeof ROLES)[number]

export const MSP_ROLES: readonly Role[] = ['MSP_ADMIN', 'ACCOUNT_MANAGER', 'MSP_ENGINEER', 'VIEWER']
export const CLIENT_ROLES: readonly Role[] = ['CLIENT_EXECUTIVE', 'CLIENT_IT', 'VIEWER']

export const PERMISSIONS = [
  'partnership.read',
  'partnership.manage',
  'member.read',
  'member.invite',
  'member.manage',
  'audit.read',
  'sla.read',
  'sla.manage',
  'ticket.read',
  'ticket.write',
  'workspace.read',
  'responsibility.edit',
  'roadmap.edit',
  'roadmap.approve',
  'csi.edit',
  'workspace.delete',
  'comment.create',
  'connector.read',
  'connector.manage',
  'sync.run',
  'qbr.read',
  'qbr.edit',
  'qbr.manage',
  'pack.read',
  'pack.generate',
  'pack.acknowledge',
  'narrative.edit',
  'org.brand',
  'dispute.raise',
  'dispute.answer',
  'sso.manage',
  'portfolio.read',
  'webhook.manage',
  'asset.read',
  'asset.write',
  'psa.send',
  'standard.read',
  'standard.manage',
  'assessment.read',
  'assessment.answer',
  'assessment.review',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READ: Permission[] = [
  'partnership.read',
  'portfolio.read',
  'member.read',
  'audit.read',
  'sla.read',
  'ticket.read',
  'workspace.read',
  'qbr.read',
  'pack.read',
  'asset.read',
  'assessment.read',
]
// An organization's admins also hold its single sign-on (identity provider, domains, SSO-only) and its webhooks.
const ADMIN: Permission[] = [...READ, 'member.invite', 'member.manage', 'sso.manage', 'webhook.manage']
// Tickets and metrics come from the MSP's side (its PSA, its exports); the SLA policy is the MSP's offer, which
// its admin and account managers maintain and the client reads.
const MSP_DATA: Permission[] = ['ticket.write', 'sla.manage', 'asset.write']
// Both parties co-edit the workspace. Deciding (approving roadmap items, deleting) belongs to the people who
// answer for the partnership on each side: the MSP's admin and account manager, the client's executive.
const CO_EDIT: Permission[] = ['roadmap.edit', 'csi.edit', 'comment.create', 'qbr.edit']
const DECIDE: Permission[] = ['roadmap.approve', 'workspace.delete', 'responsibility.edit', 'qbr.manage']
// The PSA connection is the MSP's system: its engineers see the sync state, its admin holds the credentials,
// and the people who prepare QBRs may start a sync. The pack is the MSP's deliverable; both parties read it.
const PSA_SEE: Permission[] = ['connector.read']
// Sending an item to the PSA as a ticket writes into the MSP's system: those who may run its syncs.
const PSA_RUN: Permission[] = [...PSA_SEE, 'sync.run', 'pack.generate', 'psa.send']
// An SLA verdict is the MSP's figure: the client's executive and IT question it, the MSP's admin and account
// manager answer (accept, overriding it in the agreed figures, or reject). Engineers and viewers only read disputes.
const DISPUTE_RAISE: Permission[] = ['dispute.raise']
const DISPUTE_ANSWER: Permission[] = ['dispute.answer']
// Standards are the MSP's own library: its people read it, its admin and account managers curate it. An assessment
// is answered by the MSP's engineers (and those above them), reviewed by the account manager or admin; both parties
// read assessments, the client only once reviewed (decided in the domain, by party and state).
const STANDARDS_READ: Permission[] = ['standard.read']
const STANDARDS_MANAGE: Permission[] = ['standard.read', 'standard.manage']
const ASSESS: Permission[] = ['assessment.answer']
const REVIEW: Permission[] = ['assessment.answer', 'assessment.review']
// After the QBR, the people who answer for the partnership on each side acknowledge the pack and the minutes: the
// MSP's account manager and the client's executive (ADR 027). Admins, engineers, client IT and viewers read them: an
// acknowledgement speaks for the relationship, not for running the tenant.
const ACKNOWLEDGE: Permission[] = ['pack.acknowledge']
// The pack's narrative (ADR 029) is written by the people who prepare and present the pack, the MSP's admin and
// account manager, and co-edited by the client's executive and IT (their words on their quarter). Engineers and
// viewers read it with the pack.
const NARRATE: Permission[] = ['narrative.edit']

// How the MSP runs the relationship (QBR cadence, its account manager, the fiscal year the packs read in): the MSP's
// admin and account managers (ADR 023).
const PLAN: Permission[] = ['partnership.manage']

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  MSP_ADMIN: new Set([...ADMIN, ...MSP_DATA, ...CO_EDIT, ...DECIDE, ...PSA_RUN, ...DISPUTE_ANSWER, ...STANDARDS_MANAGE, ...REVIEW, ...NARRATE, ...PLAN, 'connector.manage', 'org.brand']),
  ACCOUNT_MANAGER: new Set([...READ, ...MSP_DATA, ...CO_EDIT, ...DECIDE, ...PSA_RUN, ...DISPUTE_ANSWER, ...STANDARDS_MANAGE, ...REVIEW, ...ACKNOWLEDGE, ...NARRATE, ...PLAN]),
  MSP_ENGINEER: new Set([...READ, 'ticket.write', 'asset.write', ...CO_EDIT, ...PSA_SEE, ...STANDARDS_READ, ...ASSESS]),
  CLIENT_EXECUTIVE: new Set([...ADMIN, ...CO_EDIT, ...DECIDE, ...DISPUTE_RAISE, ...ACKNOWLEDGE, ...NARRATE]),
  CLIENT_IT: new Set([...READ, ...CO_EDIT, 'responsibility.edit', ...DISPUTE_RAISE, ...NARRATE]),
  VIEWER: new Set(['partnership.read', 'portfolio.read', 'member.read', 'sla.read', 'workspace.read', 'qbr.read', 'pack.read', 'asset.read', 'assessment.read']),
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission)
}

export const ROLE_LABELS: Record<Role, string> = {
  MSP_ADMIN: 'MSP admin',
  ACCOUNT_MANAGER: 'Account manager',
  MSP_ENGINEER: 'MSP engineer',
  CLIENT_EXECUTIVE: 'Client executive',
  CLIENT_IT: 'Client IT',
  VIEWER: 'Viewer',
}

/** Which roles an organization of the given kind may hold. */
export function rolesForKind(kind: 'MSP' | 'CLIENT'): readonly Role[] {
  return kind === 'MSP' ? MSP_ROLES : CLIENT_ROLES
}
