// The bridge from the single sign-on routes to server/ (as app/api.server.ts is for the others), kept apart so
// that sign-in with SSO stays out of the password sign-in's files.
import { finishSsoSignIn } from '../server/auth/sso/finish-sso-sign-in.server.ts'
import { startSsoSignIn } from '../server/auth/sso/start-sso-sign-in.server.ts'
import { clearPendingSignInCookie } from '../server/auth/sso/sso-cookie.server.ts'
import { appBaseUrl } from '../server/http/app-url.ts'

export { startSsoSignIn, finishSsoSignIn, clearPendingSignInCookie, appBaseUrl }
export { ZSsoDomainName } from '../server/auth/sso/sso.schemas.ts'

export const isHttps = (request: Request) => new URL(request.url).protocol === 'https:'
