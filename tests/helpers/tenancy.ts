import { randomUUID } from 'node:crypto'
import { type Permission, type Role, roleCan } from '../../server/access/permissions.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_PARTNERSHIPS, DEMO_USERS } from '../../server/demo/demo-data.ts'
import { hashToken } from '../../server/tokens/token-format.ts'

// Who may see what in the demo data, worked out from the data itself (not from the code under test).
export const DEMO_ORG_SLUGS = ['northwind', 'tailspin', 'contoso', 'fabrikam'] as const

export function partyOf(email: string, partnershipSlug: string): Role | null {
  const user = DEMO_USERS.find((u) => u.email === email)!
  const p = DEMO_PARTNERSHIPS.find((x) => x.slug === partnershipSlug)!
  return user.org === p.msp || user.org === p.client ? user.role : null
}

export function memberOf(email: string, orgSlug: string): Role | null {
  const user = DEMO_USERS.find((u) => u.email === email)!
  return user.org === orgSlug ? user.role : null
}

/** 404 for a non-party, 403 for a party whose role lacks the permission, else 200. */
export function expectedStatus(role: Role | null, permission: Permission): 200 | 403 | 404 {
  if (!role) return 404
  return roleCan(role, permission) ? 200 : 403
}

/** An API token for every demo user, written straight to the database (fast, and independent of the API). */
export async function demoTokens(): Promise<Map<string, string>> {
  const prisma = await db()
  const tokens = new Map<string, string>()
  for (const u of DEMO_USERS) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: u.email } })
    const token = `acc_test_${randomUUID()}`
    await prisma.apiToken.create({ data: { userId: user.id, name: `cross-tenant-${randomUUID()}`, prefix: token.slice(0, 12), tokenHash: hashToken(token) } })
    tokens.set(u.email, token)
  }
  return tokens
}
