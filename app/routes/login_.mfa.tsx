import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { completeMfaChallenge, describeError, getPendingSignIn, retryHeaders } from '~/api.server'
import { TextField } from '~/components/text-field'
import { safeRedirect } from '~/utils/safe-redirect'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'Two-step sign-in · Accord' }]
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

// The second step of sign-in: only a pending sign-in (password already checked) reaches the form.
export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await getPendingSignIn(request)
  if (!pending) throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirect(new URL(request.url).searchParams.get('redirectTo')))}`)
  return json({ email: pending.user.email }, { headers: { 'Cache-Control': 'no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  try {
    const { setCookies } = await completeMfaChallenge(request, { code: form.get('code') ?? undefined })
    const headers = new Headers()
    for (const c of setCookies) headers.append('Set-Cookie', c)
    return redirect(safeRedirect(form.get('redirectTo')), { headers })
  } catch (error) {
    const e = describeError(error)
    // No pending sign-in (expired, spent, or none): back to the password.
    if (e.details?.pendingExpired) throw redirect(`/login?expired=1&redirectTo=${encodeURIComponent(safeRedirect(form.get('redirectTo')))}`)
    return json({ message: e.message, fieldErrors: e.fieldErrors }, { status: e.status, headers: retryHeaders(e) })
  }
}

export default function MfaChallenge() {
  const { email } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const busy = useBusy()
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Two-step sign-in</h1>
        <p className="muted">
          Signing in as <strong>{email}</strong>. Enter the 6-digit code from your authenticator app, or one of your recovery codes.
        </p>
        {/* A wrong code is told beside the field; the alert is for the rest (a lock, with the time to wait). */}
        {result?.message && !result.fieldErrors.length ? (
          <p className="alert alert-error" role="alert" id="mfa-error">
            {result.message}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? '/'} />
          <TextField
            name="code"
            label="Code"
            errors={result?.fieldErrors}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            maxLength={24}
            hint="A recovery code works once; afterwards, set up two-step sign-in again on your account page."
          />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </Form>
        <p className="auth-footer">
          <Link to="/login">Use another account</Link>
        </p>
      </div>
    </div>
  )
}
