import { randomUUID } from 'node:crypto'
import type { Role } from '../../server/access/permissions.ts'
import { hashPassword } from '../../server/auth/password.server.ts'
import { db } from '../../server/db/client.server.ts'
import { seedDemo as seedDemoWithActivity } from '../../server/demo/seed.server.ts'
import { createApiToken } from '../../server/tokens/create-api-token.server.ts'
import { seedFromCopy } from './database-state.ts'

/**
 * The demo tenants and users, without the year of activity (tests that need activity make their own). On an empty
 * database after the first time in a file, the rows of that first seed are copied back instead (same rows).
 */
export const seedDemo = () => seedFromCopy('demo', () => seedDemoWithActivity({ activity: false }))

const unique = () => randomUUID().slice(0, 8)

/** Plain data for an organization (convention 10: build* returns data, create* writes the graph). */
export function buildOrg(kind: 'MSP' | 'CLIENT', overrides: Partial<{ slug: string; name: string }> = {}) {
  const id = unique()
  return { kind, slug: overrides.slug ?? `${kind.toLowerCase()}-${id}`, name: overrides.name ?? `${kind} ${id}` }
}

let cachedHash: Promise<string> | undefined
export const TEST_PASSWORD = 'correct horse battery'

/** An MSP, a client, their partnership and one user in each with the given roles. */
export async function createPartnershipGraph(options: { mspRole?: Role; clientRole?: Role } = {}) {
  const prisma = await db()
  cachedHash ??= hashPassword(TEST_PASSWORD)
  const passwordHash = await cachedHash
  const msp = await prisma.organization.create({ data: buildOrg('MSP') })
  const client = await prisma.organization.create({ data: buildOrg('CLIENT') })
  const partnership = await prisma.partnership.create({ data: { slug: `p-${unique()}`, mspOrgId: msp.id, clientOrgId: client.id } })
  const mspUser = await prisma.user.create({ data: { email: `msp-${unique()}@test.example`, name: 'MSP User', passwordHash } })
  const clientUser = await prisma.user.create({ data: { email: `client-${unique()}@test.example`, name: 'Client User', passwordHash } })
  await prisma.membership.create({ data: { organizationId: msp.id, userId: mspUser.id, role: options.mspRole ?? 'MSP_ADMIN' } })
  await prisma.membership.create({ data: { organizationId: client.id, userId: clientUser.id, role: options.clientRole ?? 'CLIENT_EXECUTIVE' } })
  return { msp, client, partnership, mspUser, clientUser }
}

export async function tokenFor(email: string, name = `test-${unique()}`): Promise<string> {
  const user = await (await db()).user.findUniqueOrThrow({ where: { email } })
  return (await createApiToken({ userId: user.id, label: email }, { name })).token
}
