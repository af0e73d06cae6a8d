import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { beginSignIn, clientAddress, describeError, getOptionalUser, login } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { safeRedirect } from '~/utils/safe-redirect'

export const meta: MetaFunction = () => [{ title: 'Sign in · Accord' }]

// A locked-out answer carries Retry-After; document responses take their headers from here.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = form.get('email')
  try {
    const { userId } = await login(
      { email: typeof email === 'string' ? email : undefined, password: form.get('password') ?? undefined },
      clientAddress(request),
    )
    // A session, or (with MFA on) the code page first: server/auth/mfa-challenge.server.ts decides.
    const next = await beginSignIn(userId, request, safeRedirect(form.get('redirectTo')))
    return redirect(next.location, { headers: { 'Set-Cookie': next.setCookie } })
  } catch (error) {
    const e = describeError(error)
    const headers: HeadersInit = e.details?.retryAfterSeconds ? { 'Retry-After': String(e.details.retryAfterSeconds) } : {}
    return json({ message: e.message, fieldErrors: e.fieldErrors, email: typeof email === 'string' ? email : '' }, { status: e.status, headers })
  }
}

export default function Login() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const emailError = fieldError(result?.fieldErrors, 'email')
  const passwordError = fieldError(result?.fieldErrors, 'password')
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Sign in to Accord</h1>
        <p className="muted">The shared workspace of your MSP and your IT team.</p>
        {params.get('expired') ? (
          <p className="alert alert-error" role="status" id="sign-in-expired">
            Your sign-in expired before the code was entered: enter your password again.
          </p>
        ) : null}
        {params.get('reset') ? (
          <p className="alert alert-success" role="status" id="reset-done">
            Your password is changed{params.get('reset') === 'everywhere' ? ', and every session was signed out' : ''}. Sign in with the new one.
          </p>
        ) : null}
        {result?.message ? (
          <p className="alert alert-error" role="alert" id="login-error">
            {result.message}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={result?.email}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? 'email-error' : undefined}
              autoFocus
            />
            <FieldMessage id="email-error" message={emailError} />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-invalid={passwordError ? true : undefined}
              aria-describedby={passwordError ? 'password-error' : undefined}
            />
            <FieldMessage id="password-error" message={passwordError} />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Signing in…' : 'Sign in'}
          </button>
        </Form>
        <p className="auth-footer">
          <Link to="/forgot-password">Forgot your password?</Link>
          {' · '}
          <Link to={`/auth/sso?redirectTo=${encodeURIComponent(params.get('redirectTo') ?? '/')}`}>Sign in with SSO</Link>
        </p>
      </div>
    </div>
  )
}
