// The permission registry: every permission is a typed string, granted to roles here and nowhere else.
// Later capabilities add their permissions to PERMISSIONS and to the role grants below.
export const ROLES = ['MSP_ADMIN', 'ACCOUNT_MANAGER', 'MSP_ENGINEER', 'CLIENT_EXECUTIVE', 'CLIENT_IT', 'VIEWER'] as const
export type Role = (typeof ROLES)[number]

export const MSP_ROLES: readonly Role[] = ['MSP_ADMIN', 'ACCOUNT_MANAGER', 'MSP_ENGINEER', 'VIEWER']
export const CLIENT_ROLES: readonly Role[] = ['CLIENT_EXECUTIVE', 'CLIENT_IT', 'VIEWER']

export const PERMISSIONS = [
  'partnership.read',
  'member.read',
  'member.invite',
  'member.manage',
  'audit.read',
  'sla.read',
  'sla.manage',
  'ticket.read',
  'ticket.write',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READ: Permission[] = ['partnership.read', 'member.read', 'audit.read', 'sla.read', 'ticket.read']
const ADMIN: Permission[] = [...READ, 'member.invite', 'member.manage']
// Tickets and metrics come from the MSP's side (its PSA, its exports); the SLA policy is the MSP's offer, which
// its admin and account managers maintain and the client reads.
const MSP_DATA: Permission[] = ['ticket.write', 'sla.manage']

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  MSP_ADMIN: new Set([...ADMIN, ...MSP_DATA]),
  ACCOUNT_MANAGER: new Set([...READ, ...MSP_DATA]),
  MSP_ENGINEER: new Set([...READ, 'ticket.write']),
  CLIENT_EXECUTIVE: new Set(ADMIN),
  CLIENT_IT: new Set(READ),
  VIEWER: new Set(['partnership.read', 'member.read', 'sla.read']),
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
