import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

// A real OpenID Connect provider (panva's oidc-provider, the certified implementation) in this process on a
// loopback port: discovery, JWKS, signed id_tokens, PKCE, state and nonce as a real identity provider does them.
// Its built-in development login form signs in any login name; the account's claims come from `accounts`
// (unlisted logins are their own verified email).

export interface TestAccount {
  email?: string
  email_verified?: boolean
  name?: string
}

export interface TestIdp {
  issuer: string
  clientId: string
  clientSecret: string
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

export async function startTestIdp(redirectUris: string[]): Promise<TestIdp> {
  const accounts = new Map<string, TestAccount>()
  const clientId = 'accord-test'
  const clientSecret = 'accord-test-secret-0123456789abcdef'
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    async findAccount(_ctx, id) {
      const account = accounts.get(id) ?? {}
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email ?? id, email_verified: account.email_verified ?? true, name: account.name ?? id.split('@')[0] }
        },
      }
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The claims of the requested scopes go in the id_token, as Entra ID and Google put the email there.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['accord-test-idp-cookie-key'] },
    ttl: { Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // A first-party client: consent is implied, so the login form is the only page.
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId
      if (!accountId || !ctx.oidc.client) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((e) => (e ? reject(e) : resolve()))
      }),
  }
}

/** A browser's cookies for one origin, enough to walk the provider's pages without a browser. */
class Jar {
  private cookies = new Map<string, string>()
  take(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at)
      const value = pair.slice(at + 1)
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

/**
 * Signs in at the provider as `login` from its authorization URL, as a person at its login form would, and
 * returns the URL it sends the browser back to (our callback with code and state, or with an error).
 */
export async function loginAtIdp(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Jar()
  let url = authorizationUrl
  let body: URLSearchParams | undefined
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { Cookie: jar.header(), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    })
    jar.take(response)
    body = undefined
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (!next.href.startsWith(new URL(authorizationUrl).origin)) return next.href
      url = next.href
      continue
    }
    const html = await response.text()
    if (response.status !== 200 || !/name="login"/.test(html)) throw new Error(`the provider answered ${response.status} at ${url}: ${html.slice(0, 300)}`)
    // The development login form posts back to the interaction's own URL.
    body = new URLSearchParams({ prompt: 'login', login, password: 'any' })
  }
  throw new Error('the provider did not send the browser back')
}
