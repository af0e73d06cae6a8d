import { randomBytes } from 'node:crypto'
import { openSecret, sealSecret } from '../connectors/secret-box.server.ts'
import { psaOutboundPolicy } from '../connectors/outbound-policy.server.ts'
import { UnsafeUrlError, assertSafeUrl } from '../net/safe-url.server.ts'
import { AppError } from '../errors.ts'

// The signing secret is sealed like PSA credentials, bound to its endpoint's id: a sealed secret copied to another
// organization's endpoint does not open.
const aad = (endpointId: string) => `webhook:${endpointId}`

export function newWebhookSecret(endpointId: string): { secret: string; sealed: string; hint: string } {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`
  return { secret, sealed: sealSecret(secret, aad(endpointId)), hint: `${secret.slice(0, 10)}…` }
}

export const openWebhookSecret = (endpointId: string, sealed: string) => openSecret<string>(sealed, aad(endpointId))

/**
 * The endpoint's URL goes through the PSA connections' SSRF rule (issue 13, D6): https in production, a public
 * address after DNS resolution unless ALLOW_PRIVATE_PSA_HOSTS=true. Refused with 400 naming `url`.
 */
export async function requireSafeWebhookUrl(url: string): Promise<string> {
  try {
    return (await assertSafeUrl(url, psaOutboundPolicy())).toString()
  } catch (error) {
    if (!(error instanceof UnsafeUrlError)) throw error
    const message = `The URL ${error.message}`
    throw new AppError('BAD_REQUEST', `url: ${message}`, { fieldErrors: [{ field: 'url', message }] })
  }
}
