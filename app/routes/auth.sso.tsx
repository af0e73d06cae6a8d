import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { describeError, getOptionalUser } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { appBaseUrl, isHttps, startSsoSignIn } from '~/sso-api.server'
import { safeRedirect } from '~/utils/safe-redirect'

export const meta: MetaFunction = () => [{ title: 'Sign in with SSO · Accord' }]

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))
  return null
}

// The work email names the organization (by its verified domain); the answer sends the browser to that
// organization's identity provider.
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = form.get('email')
  try {
    const { url, cookie } = await startSsoSignIn(
      { email: typeof email === 'string' ? email : undefined },
      { appUrl: appBaseUrl(), redirectTo: safeRedirect(form.get('redirectTo')), https: isHttps(request) },
    )
    return redirect(url, { headers: { 'Set-Cookie': cookie } })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors, email: typeof email === 'string' ? email : '' }, { status: e.status })
  }
}

export default function SignInWithSso() {
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const navigation = useNavigation()
  const emailError = fieldError(result?.fieldErrors, 'email')
  const redirectTo = params.get('redirectTo') ?? '/'
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Sign in with SSO</h1>
        <p className="muted">Your organization’s identity provider (Microsoft Entra ID, Google or another) signs you in.</p>
        {result?.message && !emailError ? (
          <p className="alert alert-error" role="alert">
            {result.message}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <div className="field">
            <label htmlFor="email">Work email</label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={result?.email ?? params.get('email') ?? ''}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={emailError ? 'email-error' : undefined}
              autoFocus
            />
            <FieldMessage id="email-error" message={emailError} />
          </div>
          <button type="submit" className="button button-primary button-block" disabled={navigation.state !== 'idle'}>
            {navigation.state !== 'idle' ? 'Opening your identity provider…' : 'Continue'}
          </button>
        </Form>
        <p className="muted">
          <Link to={`/login?redirectTo=${encodeURIComponent(redirectTo)}`}>Sign in with a password instead</Link>
        </p>
      </div>
    </div>
  )
}
