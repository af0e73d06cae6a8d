import { recordAudit } from '../../audit/record-audit.server.ts'
import { db } from '../../db/client.server.ts'
import { AppError } from '../../errors.ts'

/**
 * The operator's way back in when an SSO-only organization lost its identity provider (`accord sso passwords`).
 * It skips the access policy, hence the name; never call it from a route.
 */
export async function unsafeAllowPasswords(orgSlug: string) {
  const prisma = await db()
  await prisma.$transaction(async (tx) => {
    const connection = await tx.ssoConnection.findFirst({ where: { organization: { slug: orgSlug } } })
    if (!connection) throw new AppError('BAD_REQUEST', `org: ${orgSlug} has no single sign-on`, { fieldErrors: [{ field: 'org', message: 'No single sign-on' }] })
    await tx.ssoConnection.update({ where: { id: connection.id }, data: { ssoOnly: false } })
    await recordAudit(tx, { actor: { userId: null, label: 'cli' }, action: 'sso.connection.update', entityType: 'SsoConnection', entityId: connection.id, organizationId: connection.organizationId, before: { ssoOnly: connection.ssoOnly }, after: { ssoOnly: false } })
  })
}
