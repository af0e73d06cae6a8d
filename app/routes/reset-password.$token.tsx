import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { completePasswordReset, describeError, getPasswordReset } from '~/api.server'
import { TextField } from '~/components/text-field'
import { useBusy } from '~/utils/use-busy'

// Public: the secret token in the link is the credential. The URL carries it, so: no-store, no referrer.
const PRIVATE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }

export const meta: MetaFunction = () => [
  { title: 'Choose a new password · Accord' },
  { name: 'robots', content: 'noindex' },
  { name: 'referrer', content: 'no-referrer' },
]

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders)
  actionHeaders.forEach((value, key) => merged.set(key, value))
  return merged
}

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await getPasswordReset(params.token ?? '')
  if (!reset) throw json({ message: 'This reset link is not valid. Check that you copied all of it, or ask for a new one.' }, { status: 404, headers: PRIVATE })
  // 410 Gone: the link existed but can no longer be used.
  return json(reset, { status: reset.status === 'VALID' ? 200 : 410, headers: PRIVATE })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  try {
    const { signedOutEverywhere } = await completePasswordReset(params.token ?? '', {
      password: form.get('password') ?? undefined,
      confirm: form.get('confirm') ?? undefined,
      signOutEverywhere: form.get('signOutEverywhere') ?? undefined,
    })
    return redirect(`/login?reset=${signedOutEverywhere ? 'everywhere' : '1'}`, { headers: PRIVATE })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors }, { status: e.status, headers: PRIVATE })
  }
}

export default function ResetPassword() {
  const reset = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Choose a new password</h1>
        {reset.status !== 'VALID' ? (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{reset.status === 'USED' ? 'This link has already been used.' : 'This link has expired.'}</p>
            <p>
              <Link to="/forgot-password">Ask for a new link</Link>
            </p>
          </div>
        ) : (
          <>
            <p className="muted">
              For <strong>{reset.email}</strong>.
            </p>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <Form method="post" noValidate>
              {/* For password managers: the account whose password this is. */}
              <input type="email" hidden readOnly autoComplete="username" value={reset.email} />
              <TextField name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." errors={result?.fieldErrors} />
              <TextField name="confirm" label="Repeat the new password" type="password" autoComplete="new-password" required errors={result?.fieldErrors} />
              <div className="field field-checkbox">
                <label>
                  <input type="checkbox" name="signOutEverywhere" defaultChecked /> Sign out everywhere: end every session of this account, on every device
                </label>
              </div>
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? 'Saving…' : 'Save the new password'}
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  )
}
