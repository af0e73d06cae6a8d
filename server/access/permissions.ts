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
] as const
export type Permission = (typeof PERMISSIONS)[number]

const READ: Permission[] = ['partnership.read', 'member.read', 'audit.read']
const ADMIN: Permission[] = [...READ, 'member.invite', 'member.manage']

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  MSP_ADMIN: new Set(ADMIN),
  ACCOUNT_MANAGER: new Set(READ),
  MSP_ENGINEER: new Set(READ),
  CLIENT_EXECUTIVE: new Set(ADMIN),
  CLIENT_IT: new Set(READ),
  VIEWER: new Set(['partnership.read', 'member.read']),
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
