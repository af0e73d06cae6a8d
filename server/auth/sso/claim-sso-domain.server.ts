import { randomBytes } from 'node:crypto'
import type { OrgScope } from '../../access/policy.server.ts'
import { type Actor, recordAudit } from '../../audit/record-audit.server.ts'
import { db } from '../../db/client.server.ts'
import { AppError } from '../../errors.ts'

const MAX_DOMAINS = 20

/**
 * Claims an email domain for the organization, pending proof. Several organizations may claim one domain;
 * only one can verify it. A domain already verified elsewhere is refused at once (without saying by whom).
 */
export async function claimSsoDomain(scope: OrgScope, actor: Actor, input: { domain: string }) {
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const taken = await tx.ssoDomain.findUnique({ where: { verifiedDomain: input.domain }, select: { organizationId: true } })
    if (taken && taken.organizationId !== scope.orgId) {
      throw new AppError('CONFLICT', 'This domain is verified by another organization', { fieldErrors: [{ field: 'domain', message: 'Verified by another organization' }] })
    }
    const existing = await tx.ssoDomain.findUnique({ where: { organizationId_domain: { organizationId: scope.orgId, domain: input.domain } } })
    if (existing) throw new AppError('CONFLICT', 'This domain is already listed', { fieldErrors: [{ field: 'domain', message: 'Already listed' }] })
    if ((await tx.ssoDomain.count({ where: { organizationId: scope.orgId } })) >= MAX_DOMAINS) {
      throw new AppError('BAD_REQUEST', `At most ${MAX_DOMAINS} domains`, { fieldErrors: [{ field: 'domain', message: `At most ${MAX_DOMAINS} domains` }] })
    }
    const row = await tx.ssoDomain.create({ data: { organizationId: scope.orgId, domain: input.domain, verificationToken: randomBytes(16).toString('hex') } })
    await recordAudit(tx, { actor, action: 'sso.domain.claim', entityType: 'SsoDomain', entityId: row.id, organizationId: scope.orgId, after: { domain: row.domain } })
    return { id: row.id }
  })
}
