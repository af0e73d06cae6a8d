import type { OrgScope } from '../../access/policy.server.ts'
import { type Actor, recordAudit } from '../../audit/record-audit.server.ts'
import { db } from '../../db/client.server.ts'
import { AppError, notFound } from '../../errors.ts'

/** Removes a domain; the last verified domain of an SSO-only organization stays, or nobody could sign in. */
export async function removeSsoDomain(scope: OrgScope, actor: Actor, input: { domainId: string }) {
  const prisma = await db()
  await prisma.$transaction(async (tx) => {
    const row = await tx.ssoDomain.findFirst({ where: { id: input.domainId, organizationId: scope.orgId } })
    if (!row) throw notFound('Domain')
    if (row.verifiedAt) {
      const connection = await tx.ssoConnection.findUnique({ where: { organizationId: scope.orgId }, select: { ssoOnly: true } })
      const verified = await tx.ssoDomain.count({ where: { organizationId: scope.orgId, verifiedAt: { not: null } } })
      if (connection?.ssoOnly && verified === 1) throw new AppError('CONFLICT', 'This is the last verified domain of an SSO-only organization: turn SSO-only off first')
    }
    await tx.ssoDomain.delete({ where: { id: row.id, organizationId: scope.orgId } })
    await recordAudit(tx, { actor, action: 'sso.domain.remove', entityType: 'SsoDomain', entityId: row.id, organizationId: scope.orgId, before: { domain: row.domain, verified: row.verifiedAt !== null } })
  })
  return { ok: true as const }
}
