import type { OrgScope } from '../../access/policy.server.ts'
import { rolesForKind } from '../../access/permissions.ts'
import { type Actor, recordAudit } from '../../audit/record-audit.server.ts'
import { sealSecret } from '../../connectors/secret-box.server.ts'
import { db } from '../../db/client.server.ts'
import { env } from '../../env.server.ts'
import { AppError } from '../../errors.ts'
import { issuerUrlProblem } from './issuer-url.ts'
import { secretAad } from './oidc.server.ts'
import type { SaveSsoConnectionInput } from './sso.schemas.ts'

const fieldError = (field: string, message: string) => new AppError('BAD_REQUEST', `${field}: ${message}`, { fieldErrors: [{ field, message }] })

/**
 * Creates or replaces the organization's identity provider settings. The issuer is not contacted here (the
 * "Check" action does that); a new issuer needs the client secret typed again, so a stored secret is never
 * sent to a host it was not entered for. SSO-only needs a verified domain, or nobody could sign in.
 */
export async function saveSsoConnection(scope: OrgScope, actor: Actor, input: SaveSsoConnectionInput) {
  const problem = issuerUrlProblem(input.issuerUrl, env().NODE_ENV)
  if (problem) throw fieldError('issuerUrl', problem)
  const issuerUrl = input.issuerUrl.replace(/\/$/, '')
  const secret = input.clientSecret?.trim() ?? ''
  const role = input.unknownUserPolicy === 'PROVISION' ? (input.provisionRole ?? null) : null
  if (role && !rolesForKind(scope.kind).includes(role)) throw fieldError('provisionRole', 'This role does not exist for this kind of organization')

  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const before = await tx.ssoConnection.findUnique({ where: { organizationId: scope.orgId } })
    if (!secret && (!before || before.issuerUrl !== issuerUrl)) {
      throw fieldError('clientSecret', before ? 'The issuer changed: enter the client secret again' : 'Enter the client secret')
    }
    if (input.ssoOnly && input.enabled) {
      const verified = await tx.ssoDomain.count({ where: { organizationId: scope.orgId, verifiedAt: { not: null } } })
      if (verified === 0) throw fieldError('ssoOnly', 'Verify at least one email domain before turning off passwords')
    }
    if (input.ssoOnly && !input.enabled) throw fieldError('ssoOnly', 'SSO-only needs single sign-on turned on')
    const data = {
      issuerUrl,
      clientId: input.clientId,
      unknownUserPolicy: input.unknownUserPolicy,
      provisionRole: role,
      ssoOnly: input.ssoOnly,
      enabled: input.enabled,
      ...(secret ? { clientSecret: sealSecret(secret, secretAad(scope.orgId)) } : {}),
    }
    const saved = await tx.ssoConnection.upsert({
      where: { organizationId: scope.orgId },
      create: { organizationId: scope.orgId, clientSecret: '', ...data },
      update: data,
    })
    const visible = (c: typeof saved | null) =>
      c && { issuerUrl: c.issuerUrl, clientId: c.clientId, unknownUserPolicy: c.unknownUserPolicy, provisionRole: c.provisionRole, ssoOnly: c.ssoOnly, enabled: c.enabled }
    await recordAudit(tx, {
      actor,
      action: before ? 'sso.connection.update' : 'sso.connection.create',
      entityType: 'SsoConnection',
      entityId: saved.id,
      organizationId: scope.orgId,
      before: before && { ...visible(before), clientSecret: '(stored)' },
      after: { ...visible(saved), clientSecret: secret ? '(changed)' : '(stored)' },
    })
    return { ok: true as const }
  })
}
