import { randomBytes } from 'node:crypto'
import { recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { hashToken } from '../tokens/token-format.ts'
import { ZSetupInput } from './mfa.schemas.ts'
import { hashPassword } from './password.server.ts'

// The first admin of a production install without the demo (issue 13 §5): besides `accord user create`, the
// server prints a one-time link at a start that finds no users. The token is stored hashed, works once, expires,
// and stops working as soon as any user exists.
export const SETUP_HOURS = 24

/** Issues a new setup link (the earlier ones stop working) when the database has no users; else null. */
export async function issueSetupLink(now = new Date()): Promise<{ link: string; expiresAt: Date } | null> {
  const prisma = await db()
  if ((await prisma.user.count()) > 0) return null
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(now.getTime() + SETUP_HOURS * 3_600_000)
  await prisma.$transaction([
    prisma.setupToken.deleteMany({}),
    prisma.setupToken.create({ data: { tokenHash: hashToken(token), expiresAt } }),
  ])
  return { link: `${appBaseUrl()}/setup/${token}`, expiresAt }
}

export type SetupLinkStatus = 'VALID' | 'EXPIRED' | 'USED'

/** What the setup page shows; null for a link that matches nothing. */
export async function getSetupLink(token: string, now = new Date()): Promise<{ status: SetupLinkStatus } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null
  const prisma = await db()
  const row = await prisma.setupToken.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!row) return null
  if (row.usedAt || (await prisma.user.count()) > 0) return { status: 'USED' }
  return { status: row.expiresAt <= now ? 'EXPIRED' : 'VALID' }
}

function slugFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return slug.length >= 2 ? slug : 'msp'
}

/** Creates the MSP organization and its first admin; claims the link in the same transaction. */
export async function completeSetup(token: string, input: unknown, now = new Date()): Promise<{ userId: string; orgSlug: string }> {
  const link = await getSetupLink(token, now)
  if (!link) throw new AppError('NOT_FOUND', 'This setup link is not valid')
  if (link.status !== 'VALID') throw new AppError(link.status === 'EXPIRED' ? 'BAD_REQUEST' : 'CONFLICT', link.status === 'EXPIRED' ? 'This setup link has expired: restart the server for a new one' : 'This setup link has already been used')
  const parsed = ZSetupInput.safeParse(input)
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
  const { orgName, name, email, password } = parsed.data
  const passwordHash = await hashPassword(password)
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.setupToken.updateMany({ where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
    if (count === 0 || (await tx.user.count()) > 0) throw new AppError('CONFLICT', 'This setup link has already been used')
    const org = await tx.organization.create({ data: { kind: 'MSP', slug: slugFor(orgName), name: orgName } })
    const user = await tx.user.create({ data: { email, name, passwordHash } })
    await tx.membership.create({ data: { organizationId: org.id, userId: user.id, role: 'MSP_ADMIN' } })
    const actor = { userId: user.id, label: `${name} <${email}>` }
    await recordAudit(tx, { actor, action: 'organization.create', entityType: 'Organization', entityId: org.id, organizationId: org.id, after: { kind: 'MSP', name: orgName, via: 'setup link' } })
    await recordAudit(tx, { actor, action: 'member.create', entityType: 'Membership', entityId: user.id, organizationId: org.id, after: { email, name, role: 'MSP_ADMIN' } })
    return { userId: user.id, orgSlug: org.slug }
  })
}
