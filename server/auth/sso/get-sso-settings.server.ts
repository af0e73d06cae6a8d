import type { OrgScope } from '../../access/policy.server.ts'
import { db } from '../../db/client.server.ts'
import { DOMAIN_RECORD_PREFIX, DOMAIN_RECORD_VALUE_PREFIX, type SsoSettings } from './sso.schemas.ts'
import { ssoRedirectUri } from './sso-redirect.ts'

/** The organization's identity provider and domains, for its admins; the client secret is never part of it. */
export async function getSsoSettings(scope: OrgScope, appUrl: string): Promise<SsoSettings> {
  const prisma = await db()
  const [org, connection, domains] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true, name: true, kind: true } }),
    prisma.ssoConnection.findUnique({ where: { organizationId: scope.orgId } }),
    prisma.ssoDomain.findMany({ where: { organizationId: scope.orgId }, orderBy: { domain: 'asc' } }),
  ])
  return {
    org,
    redirectUri: ssoRedirectUri(appUrl),
    connection: connection
      ? {
          issuerUrl: connection.issuerUrl,
          clientId: connection.clientId,
          hasClientSecret: connection.clientSecret.length > 0,
          unknownUserPolicy: connection.unknownUserPolicy,
          provisionRole: connection.provisionRole,
          ssoOnly: connection.ssoOnly,
          enabled: connection.enabled,
          updatedAt: connection.updatedAt.toISOString(),
        }
      : null,
    domains: domains.map((d) => ({
      id: d.id,
      domain: d.domain,
      verified: d.verifiedAt !== null,
      verifiedAt: d.verifiedAt?.toISOString() ?? null,
      recordName: `${DOMAIN_RECORD_PREFIX}.${d.domain}`,
      recordValue: `${DOMAIN_RECORD_VALUE_PREFIX}${d.verificationToken}`,
    })),
  }
}
