import * as oidc from 'openid-client'
import { openSecret } from '../../connectors/secret-box.server.ts'
import { env } from '../../env.server.ts'
import { psaOutboundPolicy } from '../../connectors/outbound-policy.server.ts'
import { UnsafeUrlError, assertSafeUrl } from '../../net/safe-url.server.ts'
import { issuerUrlProblem } from './issuer-url.ts'

export interface SsoConnectionRow {
  id: string
  organizationId: string
  issuerUrl: string
  clientId: string
  clientSecret: string
  updatedAt: Date
}

/** The client secret is sealed with the organization's id as associated data: copied to another row, it does not open. */
export const secretAad = (organizationId: string) => `sso-connection:${organizationId}`

/** Why the issuer could not be used, in words for an admin: what failed, never what the other side answered. */
export class IssuerUnusable extends Error {}

// Requests to the identity provider: a short timeout, no redirects followed (a discovery document or token
// endpoint that redirects elsewhere is refused rather than followed to an address nobody checked).
// Every URL the provider's documents name (token endpoint, keys) passes the server's SSRF rule as PSA URLs do
// (issue 13, D6; ALLOW_PRIVATE_PSA_HOSTS=true admits an identity provider inside the operator's network).
const boundedFetch: oidc.CustomFetch = async (url, options) => {
  await assertSafeUrl(url, psaOutboundPolicy()).catch((error: unknown) => {
    throw error instanceof UnsafeUrlError ? new IssuerUnusable(`${new URL(url).host}: ${error.message}`) : error
  })
  const response = await fetch(url, { ...options, redirect: 'manual', signal: AbortSignal.timeout(10_000) } as RequestInit)
  if (response.status >= 300 && response.status < 400) throw new IssuerUnusable(`${new URL(url).host} answered with a redirect, which is not followed`)
  return response
}

// Discovery costs a round trip; a configuration is kept five minutes per connection version (a save changes
// updatedAt, so new settings apply at once).
const TTL_MS = 5 * 60_000
const cache = new Map<string, { config: oidc.Configuration; at: number }>()

async function discover(issuerUrl: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
  const problem = issuerUrlProblem(issuerUrl, env().NODE_ENV)
  if (problem) throw new IssuerUnusable(problem)
  const url = new URL(issuerUrl)
  const options: oidc.DiscoveryRequestOptions = { [oidc.customFetch]: boundedFetch, timeout: 10 }
  // Plain http passed the rule above only for loopback outside production (an in-process provider in tests).
  if (url.protocol === 'http:') options.execute = [oidc.allowInsecureRequests]
  try {
    return await oidc.discovery(url, clientId, undefined, oidc.ClientSecretPost(clientSecret), options)
  } catch (error) {
    if (error instanceof IssuerUnusable) throw error
    const cause = error instanceof Error ? error : new Error(String(error))
    if (cause.name === 'TimeoutError' || cause.name === 'AbortError') throw new IssuerUnusable(`${url.host} did not answer within 10 seconds`)
    if (cause instanceof TypeError) throw new IssuerUnusable(`${url.host} could not be reached`)
    // openid-client names what is wrong with the document (issuer mismatch, missing endpoints) without echoing it.
    throw new IssuerUnusable(`The discovery document at ${url.origin}${url.pathname.replace(/\/$/, '')}/.well-known/openid-configuration is not usable: ${cause.message}`)
  }
}

/** The openid-client configuration of a stored connection (discovery through the issuer's .well-known). */
export async function configurationFor(connection: SsoConnectionRow, now = Date.now()): Promise<oidc.Configuration> {
  const key = `${connection.id}@${connection.updatedAt.toISOString()}`
  const hit = cache.get(key)
  if (hit && now - hit.at < TTL_MS) return hit.config
  let secret: string
  try {
    secret = openSecret<string>(connection.clientSecret, secretAad(connection.organizationId))
  } catch {
    throw new IssuerUnusable('The stored client secret cannot be decrypted (was CONNECTOR_SECRET_KEY changed?): enter it again')
  }
  const config = await discover(connection.issuerUrl, connection.clientId, secret)
  for (const k of cache.keys()) if (k.startsWith(`${connection.id}@`)) cache.delete(k)
  cache.set(key, { config, at: now })
  return config
}

/** Discovery for settings not yet stored ("Check" before or after saving). */
export function discoverIssuer(issuerUrl: string, clientId: string, clientSecret: string) {
  return discover(issuerUrl, clientId, clientSecret)
}
