import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { hashPassword } from '../auth/password.server.ts'
import { db } from '../db/client.server.ts'
import { seedStarterStandards } from '../standards/seed-starter-standards.server.ts'
import { seedDemoActivity } from './seed-activity.server.ts'
import { DEMO_ORGS, DEMO_PARTNERSHIPS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.ts'

const SEED_ACTOR: Actor = { userId: null, label: 'demo seed' }

export interface SeedSummary {
  organizations: number
  partnerships: number
  users: number
}

/**
 * Writes the demo tenants and users, and (unless `activity` is false) each partnership's SLA policy, a year of
 * tickets, metrics and workspace content. Idempotent: what exists is left as it is; what is missing is created.
 */
export async function seedDemo(
  options: {
    activity?: boolean
    /** Activity for these partnerships only (tests that need one busy partnership). */
    only?: readonly string[]
    /** Days of tickets and metrics before now (default a year; tests ask for less). */
    days?: number
  } = {},
): Promise<SeedSummary> {
  const prisma = await db()
  const created: SeedSummary = { organizations: 0, partnerships: 0, users: 0 }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await prisma.$transaction(async (tx) => {
    const orgIds = new Map<string, string>()
    for (const org of DEMO_ORGS) {
      const existing = await tx.organization.findUnique({ where: { slug: org.slug } })
      const row = existing ?? (await tx.organization.create({ data: { ...org } }))
      if (!existing) {
        created.organizations++
        await recordAudit(tx, { actor: SEED_ACTOR, action: 'organization.create', entityType: 'Organization', entityId: row.id, organizationId: row.id, after: { ...org } })
      }
      orgIds.set(org.slug, row.id)
      if (row.kind === 'MSP') await seedStarterStandards(tx, row.id)
    }
    for (const p of DEMO_PARTNERSHIPS) {
      if (await tx.partnership.findUnique({ where: { slug: p.slug } })) continue
      const row = await tx.partnership.create({ data: { slug: p.slug, mspOrgId: orgIds.get(p.msp)!, clientOrgId: orgIds.get(p.client)! } })
      created.partnerships++
      await recordAudit(tx, { actor: SEED_ACTOR, action: 'partnership.create', entityType: 'Partnership', entityId: row.id, partnershipId: row.id, after: { ...p, status: row.status } })
    }
    for (const u of DEMO_USERS) {
      const existing = await tx.user.findUnique({ where: { email: u.email } })
      const user = existing ?? (await tx.user.create({ data: { email: u.email, name: u.name, passwordHash } }))
      const organizationId = orgIds.get(u.org)!
      const membership = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId: user.id } } })
      if (!existing) created.users++
      if (!membership) {
        await tx.membership.create({ data: { organizationId, userId: user.id, role: u.role } })
        await recordAudit(tx, { actor: SEED_ACTOR, action: 'member.create', entityType: 'Membership', entityId: user.id, organizationId, after: { email: u.email, name: u.name, role: u.role } })
      }
    }
    // Each MSP's account manager looks after the partnerships the portfolio filters by (left as set once chosen).
    for (const [slug, email] of Object.entries(DEMO_ACCOUNT_MANAGERS)) {
      const owner = await tx.user.findUniqueOrThrow({ where: { email } })
      await tx.partnership.updateMany({ where: { slug, ownerUserId: null }, data: { ownerUserId: owner.id } })
    }
  }, { timeout: 60_000 })
  if (options.activity !== false) await seedDemoActivity(new Date(), options.only, options.days)
  return created
}

/** The account manager of each demo partnership (one of Northwind's is left without, as happens). */
const DEMO_ACCOUNT_MANAGERS: Record<string, string> = { 'northwind-contoso': 'alex@northwind.example', 'tailspin-contoso': 'tara@tailspin.example' }

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await (await db()).organization.count()) === 0
}
