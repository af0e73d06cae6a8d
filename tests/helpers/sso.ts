import { claimSsoDomain } from '../../server/auth/sso/claim-sso-domain.server.ts'
import { setTxtLookupForTests } from '../../server/auth/sso/dns-txt.server.ts'
import { saveSsoConnection } from '../../server/auth/sso/save-sso-connection.server.ts'
import { verifySsoDomain } from '../../server/auth/sso/verify-sso-domain.server.ts'
import { DOMAIN_RECORD_PREFIX, DOMAIN_RECORD_VALUE_PREFIX, type SaveSsoConnectionInput } from '../../server/auth/sso/sso.schemas.ts'
import type { OrgScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import type { TestIdp } from './oidc-provider.ts'

/** The admin scope of a demo organization, as the access policy would hand it to a domain function. */
export async function adminScope(orgSlug: string): Promise<OrgScope & { actor: { userId: string; label: string } }> {
  const prisma = await db()
  const org = await prisma.organization.findUniqueOrThrow({ where: { slug: orgSlug } })
  const admin = await prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, role: { in: ['MSP_ADMIN', 'CLIENT_EXECUTIVE'] } }, include: { user: true } })
  return { userId: admin.userId, orgId: org.id, orgSlug, kind: org.kind, role: admin.role, actor: { userId: admin.userId, label: admin.user.email } }
}

/** A DNS that holds the given TXT records (name → values), in place of the system resolver. */
export function fakeDns(records: Map<string, string[]>) {
  setTxtLookupForTests(async (name) => {
    const values = records.get(name)
    if (!values) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' })
    return values.map((v) => [v])
  })
}

/** Claims and proves a domain for an organization through its TXT record, as an admin would. */
export async function verifiedDomain(orgSlug: string, domain: string, dns: Map<string, string[]>) {
  const scope = await adminScope(orgSlug)
  const { id } = await claimSsoDomain(scope, scope.actor, { domain })
  const row = await (await db()).ssoDomain.findUniqueOrThrow({ where: { id } })
  dns.set(`${DOMAIN_RECORD_PREFIX}.${domain}`, [`${DOMAIN_RECORD_VALUE_PREFIX}${row.verificationToken}`])
  const result = await verifySsoDomain(scope, scope.actor, { domainId: id })
  if (!result.verified) throw new Error(result.message)
  return id
}

/** Connects an organization to the in-process provider. */
export async function connectToIdp(orgSlug: string, idp: TestIdp, overrides: Partial<SaveSsoConnectionInput> = {}) {
  const scope = await adminScope(orgSlug)
  await saveSsoConnection(scope, scope.actor, {
    issuerUrl: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    unknownUserPolicy: 'REFUSE',
    provisionRole: null,
    ssoOnly: false,
    enabled: true,
    ...overrides,
  })
}
