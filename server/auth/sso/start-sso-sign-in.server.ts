import * as oidc from 'openid-client'
import { db } from '../../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../../errors.ts'
import { IssuerUnusable, configurationFor } from './oidc.server.ts'
import { SSO_COOKIE_SECONDS, pendingSignInCookie } from './sso-cookie.server.ts'
import { ZStartSsoInput } from './sso.schemas.ts'
import { ssoRedirectUri } from './sso-redirect.ts'

/** The enabled connection of the organization that verified this email's domain, or null. */
export async function connectionForEmail(email: string) {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
  const row = await (await db()).ssoDomain.findUnique({
    where: { verifiedDomain: domain },
    select: { organization: { select: { id: true, name: true, ssoConnection: true } } },
  })
  const connection = row?.organization.ssoConnection
  return row && connection?.enabled ? { connection, org: row.organization } : null
}

/**
 * First step of a sign-in with SSO: the email's domain names the organization; the answer is the identity
 * provider's authorization URL (code flow, PKCE S256, state and nonce) and the cookie that remembers them.
 */
export async function startSsoSignIn(input: unknown, options: { appUrl: string; redirectTo: string; https: boolean }) {
  const parsed = ZStartSsoInput.safeParse(input)
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
  const { email } = parsed.data
  const found = await connectionForEmail(email)
  if (!found) {
    const message = `Single sign-on is not set up for ${email.slice(email.indexOf('@') + 1)}: sign in with your password.`
    throw new AppError('BAD_REQUEST', message, { fieldErrors: [{ field: 'email', message }] })
  }
  let config: oidc.Configuration
  try {
    config = await configurationFor(found.connection)
  } catch (error) {
    if (!(error instanceof IssuerUnusable)) throw error
    console.warn(`sso: ${found.org.name}'s identity provider is unusable: ${error.message}`)
    throw new AppError('SERVICE_UNAVAILABLE', `${found.org.name}'s identity provider cannot be reached right now. Try again later, or tell your administrator.`)
  }
  const verifier = oidc.randomPKCECodeVerifier()
  const state = oidc.randomState()
  const nonce = oidc.randomNonce()
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(options.appUrl),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: email,
  })
  const cookie = pendingSignInCookie(
    {
      connectionId: found.connection.id,
      organizationId: found.org.id,
      state,
      nonce,
      verifier,
      redirectTo: options.redirectTo,
      expiresAt: Date.now() + SSO_COOKIE_SECONDS * 1000,
    },
    options.https,
  )
  return { url: url.href, cookie }
}
