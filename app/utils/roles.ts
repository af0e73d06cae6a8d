// Labels for the browser bundle (server/access/permissions.ts holds the registry itself).
export const ROLE_TEXT: Record<string, string> = {
  MSP_ADMIN: 'MSP admin',
  ACCOUNT_MANAGER: 'Account manager',
  MSP_ENGINEER: 'MSP engineer',
  CLIENT_EXECUTIVE: 'Client executive',
  CLIENT_IT: 'Client IT',
  VIEWER: 'Viewer',
}
