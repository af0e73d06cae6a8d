import type { OrgScope } from '../../access/policy.server.ts'
import { db } from '../../db/client.server.ts'
import { notFound } from '../../errors.ts'
import { IssuerUnusable, configurationFor } from './oidc.server.ts'

/** Reads the issuer's discovery document with the stored settings; an unusable issuer is an answer, not an error. */
export async function checkSsoConnection(scope: OrgScope): Promise<{ ok: boolean; message: string }> {
  const connection = await (await db()).ssoConnection.findUnique({ where: { organizationId: scope.orgId } })
  if (!connection) throw notFound('SSO connection')
  try {
    const config = await configurationFor(connection)
    const meta = config.serverMetadata()
    const pkce = meta.code_challenge_methods_supported?.includes('S256') ?? false
    return { ok: true, message: `${meta.issuer} answered: sign-in at ${new URL(meta.authorization_endpoint ?? meta.issuer).host}${pkce ? ', PKCE S256 supported' : ''}.` }
  } catch (error) {
    if (error instanceof IssuerUnusable) return { ok: false, message: error.message }
    throw error
  }
}
