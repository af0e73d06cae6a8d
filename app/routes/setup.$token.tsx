import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { completeSetup, describeError, getSetupLink, startSession } from '~/api.server'
import { TextField } from '~/components/text-field'
import { useBusy } from '~/utils/use-busy'

// The one-time link printed at a production first start (issue 13 §5). The token is the credential.
const PRIVATE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }

export const meta: MetaFunction = () => [{ title: 'Set up Accord' }, { name: 'robots', content: 'noindex' }, { name: 'referrer', content: 'no-referrer' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const link = await getSetupLink(params.token ?? '')
  if (!link) throw json({ message: 'This setup link is not valid.' }, { status: 404, headers: PRIVATE })
  return json(link, { status: link.status === 'VALID' ? 200 : 410, headers: PRIVATE })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  const values = Object.fromEntries(['orgName', 'name', 'email', 'password', 'confirm'].map((k) => [k, form.get(k) ?? undefined]))
  try {
    const { userId, orgSlug } = await completeSetup(params.token ?? '', values)
    return redirect(`/org/${orgSlug}/members`, { headers: { 'Set-Cookie': await startSession(userId, request), ...PRIVATE } })
  } catch (error) {
    const e = describeError(error)
    const { password: _p, confirm: _c, ...kept } = values
    return json({ message: e.message, fieldErrors: e.fieldErrors, values: kept as Record<string, string | undefined> }, { status: e.status, headers: PRIVATE })
  }
}

export default function Setup() {
  const link = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const kept = (k: string) => (typeof result?.values[k] === 'string' ? result.values[k] : undefined)
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <span className="eyebrow">First start</span>
        <h1>Set up Accord</h1>
        {link.status !== 'VALID' ? (
          <p className="alert alert-error" role="alert">
            {link.status === 'USED' ? 'This setup link has been used: Accord is set up. Sign in instead.' : 'This setup link has expired: restart the server to print a new one.'}
          </p>
        ) : (
          <>
            <p className="muted">Create your MSP organization and its first administrator. This link works once.</p>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <Form method="post" noValidate>
              <TextField name="orgName" label="Your MSP's name" required maxLength={120} autoComplete="organization" defaultValue={kept('orgName')} errors={result?.fieldErrors} />
              <TextField name="name" label="Your name" required maxLength={120} autoComplete="name" defaultValue={kept('name')} errors={result?.fieldErrors} />
              <TextField name="email" label="Your email" type="email" required autoComplete="username" defaultValue={kept('email')} errors={result?.fieldErrors} />
              <TextField name="password" label="Choose a password" type="password" required minLength={10} autoComplete="new-password" hint="At least 10 characters." errors={result?.fieldErrors} />
              <TextField name="confirm" label="Repeat the password" type="password" required autoComplete="new-password" errors={result?.fieldErrors} />
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                {busy ? 'Creating…' : 'Create the organization and sign in'}
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  )
}
