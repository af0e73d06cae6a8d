import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { describeError, startSession } from '~/api.server'
import { appBaseUrl, clearPendingSignInCookie, finishSsoSignIn, isHttps } from '~/sso-api.server'
import { safeRedirect } from '~/utils/safe-redirect'

export const meta: MetaFunction = () => [{ title: 'Sign in with SSO · Accord' }]

// Where the identity provider sends the browser back. The pending sign-in's cookie is cleared whatever happens:
// a code and state are good for one attempt.
export async function loader({ request }: LoaderFunctionArgs) {
  const headers = new Headers()
  headers.append('Set-Cookie', clearPendingSignInCookie(isHttps(request)))
  try {
    const { userId, redirectTo } = await finishSsoSignIn({ url: request.url, cookie: request.headers.get('cookie') }, appBaseUrl())
    headers.append('Set-Cookie', await startSession(userId, request))
    return redirect(safeRedirect(redirectTo), { headers })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message }, { status: e.status, headers })
  }
}

export default function SsoCallback() {
  const { message } = useLoaderData<typeof loader>()
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Single sign-on did not complete</h1>
        <p className="alert alert-error" role="alert">
          {message}
        </p>
        <p>
          <Link to="/auth/sso">Start again</Link> · <Link to="/login">Sign in with a password</Link>
        </p>
      </div>
    </div>
  )
}
