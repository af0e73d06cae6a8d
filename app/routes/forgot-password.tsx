import type { ActionFunctionArgs, HeadersFunction, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { describeError, requestPasswordReset, retryHeaders, clientAddress } from '~/api.server'
import { TextField } from '~/components/text-field'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'Reset your password · Accord' }]
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const email = typeof form.get('email') === 'string' ? String(form.get('email')) : ''
  try {
    await requestPasswordReset({ email: form.get('email') ?? undefined }, clientAddress(request))
    // The same words whether or not the address has an account (ADR 017).
    return json({ ok: true, message: 'If that address has an Accord account, a link to choose a new password is on its way. It works once, for 30 minutes.', fieldErrors: [], email })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false, message: e.message, fieldErrors: e.fieldErrors, email }, { status: e.status, headers: retryHeaders(e) })
  }
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>()
  const busy = useBusy()
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Reset your password</h1>
        <p className="muted">Enter the address you sign in with; we mail you a link to choose a new password.</p>
        {result?.message ? (
          <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} id="reset-request-result">
            {result.message}
          </p>
        ) : null}
        <Form method="post" noValidate>
          <TextField name="email" label="Email" type="email" autoComplete="username" required autoFocus defaultValue={result?.email} errors={result?.fieldErrors} />
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? 'Sending…' : 'Mail me a link'}
          </button>
        </Form>
        <p className="auth-footer">
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    </div>
  )
}
