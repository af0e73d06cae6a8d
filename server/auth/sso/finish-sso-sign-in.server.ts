import * as oidc from 'openid-client'
import { recordAudit } from '../../audit/record-audit.server.ts'
import { db } from '../../db/client.server.ts'
import { AppError } from '../../errors.ts'
import { IssuerUnusable, configurationFor } from './oidc.server.ts'
import { readPendingSignIn } from './sso-cookie.server.ts'
import { ssoRedirectUri } from './sso-redirect.ts'
import { resolveSsoUser } from './resolve-sso-user.server.ts'

const refused = (message: string) => new AppError('UNAUTHORIZED', message)

/** The library's messages along the error's causes (openid-client wraps oauth4webapi's precise one). */
function causeChain(error: unknown): string {
  const parts: string[] = []
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const { code, error: oauthError } = e as { code?: string; error?: string }
    parts.push(`${e.message}${code ? ` [${code}]` : ''}${typeof oauthError === 'string' ? ` (${oauthError})` : ''}`)
  }
  return parts.join(' <- ')
}

// What the library found wrong, in words; the library's own text stays in the server log.
function whyRefused(error: unknown): string {
  const text = causeChain(error)
  if (/state/i.test(text)) return 'The answer from the identity provider does not belong to the sign-in this browser started (state mismatch). Start again.'
  if (/nonce/i.test(text)) return 'The identity provider’s token does not belong to this sign-in (nonce mismatch). Start again.'
  if (/invalid_grant|code/i.test(text)) return 'The identity provider refused the sign-in code (already used or expired). Start again.'
  return 'The identity provider’s answer could not be validated. Start again, or tell your administrator.'
}

/** A claim the provider vouches for: OIDC's email_verified, or Entra ID's xms_edov (the domain owner verified it). */
function emailVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.email_verified === 'true' || claims.xms_edov === true || claims.xms_edov === '1'
}

/**
 * The callback: the browser's pending sign-in (cookie) must match the answer (state), the code is redeemed with
 * the PKCE verifier, and the id_token is validated by openid-client (signature, issuer, audience, expiry, nonce).
 * The email must be verified by the provider and belong to a domain this organization verified.
 */
export async function finishSsoSignIn(request: { url: string; cookie: string | null }, appUrl: string): Promise<{ userId: string; redirectTo: string }> {
  const pending = readPendingSignIn(request.cookie)
  if (!pending) throw new AppError('BAD_REQUEST', 'This sign-in expired or was started in another browser. Start again.')
  const prisma = await db()
  const connection = await prisma.ssoConnection.findFirst({ where: { id: pending.connectionId, organizationId: pending.organizationId, enabled: true } })
  if (!connection) throw new AppError('BAD_REQUEST', 'Single sign-on is no longer set up for this organization.')

  const params = new URL(request.url).searchParams
  const providerError = params.get('error')
  if (providerError) {
    const description = (params.get('error_description') ?? '').replace(/[^\p{L}\p{N} .,:'()-]/gu, '').slice(0, 200)
    throw refused(`The identity provider did not sign you in (${providerError.replace(/[^a-z_]/gi, '').slice(0, 40)}${description ? `: ${description}` : ''}).`)
  }

  let claims: Record<string, unknown>
  try {
    const config = await configurationFor(connection)
    // The URL as registered at the provider (APP_URL behind a proxy), with the answer's parameters.
    const current = new URL(ssoRedirectUri(appUrl))
    current.search = new URL(request.url).search
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    claims = { ...(tokens.claims() ?? {}) }
  } catch (error) {
    if (error instanceof IssuerUnusable) throw new AppError('SERVICE_UNAVAILABLE', 'The identity provider cannot be reached right now. Try again later.')
    console.warn(`sso: callback refused: ${causeChain(error)}`)
    throw refused(whyRefused(error))
  }

  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : ''
  const refuse = async (reason: string, message: string) => {
    await prisma.$transaction((tx) =>
      recordAudit(tx, { actor: { userId: null, label: `SSO <${email || String(claims.sub)}>` }, action: 'sso.signIn.refused', entityType: 'User', entityId: email || String(claims.sub), organizationId: connection.organizationId, after: { email, reason } }),
    )
    return new AppError('FORBIDDEN', message)
  }
  if (!email || !email.includes('@')) throw await refuse('no email claim', 'The identity provider sent no email address. Ask your administrator to release the email claim to Accord.')
  if (!emailVerified(claims)) throw await refuse('email not verified', `The identity provider does not vouch for ${email} (email_verified is not true).`)
  const domain = email.slice(email.lastIndexOf('@') + 1)
  const owned = await prisma.ssoDomain.findFirst({ where: { organizationId: connection.organizationId, verifiedDomain: domain }, select: { id: true } })
  if (!owned) throw await refuse('domain not verified', `${domain} is not one of this organization's verified domains, so ${email} cannot sign in through it.`)

  const { userId } = await resolveSsoUser(connection, {
    email,
    name: typeof claims.name === 'string' ? claims.name : null,
    issuer: String(claims.iss ?? connection.issuerUrl),
    subject: String(claims.sub ?? ''),
  })
  return { userId, redirectTo: pending.redirectTo }
}
