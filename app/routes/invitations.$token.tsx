import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ROLE_LABELS, acceptInvitation, describeError, getInvitationByToken, startSession } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'

export const meta: MetaFunction = () => [{ title: 'Accept invitation · Accord' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await getInvitationByToken(params.token ?? '')
  if (!invitation) throw json({ message: 'This invitation link is not valid. Ask for a new one.' }, { status: 404 })
  return json({ invitation, roleLabel: ROLE_LABELS[invitation.role] }, { status: invitation.status === 'PENDING' ? 200 : 410 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  const password = String(form.get('password') ?? '')
  const confirm = form.get('confirm')
  if (confirm !== null && confirm !== password) {
    return json({ message: 'The passwords do not match', fieldErrors: [{ field: 'confirm', message: 'Does not match the password' }] }, { status: 400 })
  }
  try {
    const { userId } = await acceptInvitation(params.token ?? '', { name: form.get('name') ?? undefined, password })
    return redirect('/', { headers: { 'Set-Cookie': await startSession(userId, request) } })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

const WHY = {
  EXPIRED: 'This invitation has expired. Ask whoever invited you for a new one.',
  ACCEPTED: 'This invitation has already been used. Sign in instead.',
  REVOKED: 'This invitation was withdrawn.',
} as const

export default function AcceptInvitation() {
  const { invitation, roleLabel } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const err = (f: string) => fieldError(result?.fieldErrors, f)
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <h1>Join {invitation.orgName}</h1>
        <p className="muted">
          {invitation.email} is invited as <strong>{roleLabel}</strong>.
        </p>
        {invitation.status !== 'PENDING' ? (
          <p className="alert alert-error" role="alert">
            {WHY[invitation.status]}
          </p>
        ) : (
          <>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <Form method="post" noValidate>
              {invitation.existingUser ? (
                <div className="field">
                  <label htmlFor="password">Your current Accord password</label>
                  <input id="password" name="password" type="password" autoComplete="current-password" required aria-describedby="password-error" />
                  <FieldMessage id="password-error" message={err('password')} />
                </div>
              ) : (
                <>
                  <div className="field">
                    <label htmlFor="name">Your name</label>
                    <input id="name" name="name" autoComplete="name" required aria-describedby="name-error" aria-invalid={err('name') ? true : undefined} />
                    <FieldMessage id="name-error" message={err('name')} />
                  </div>
                  <div className="field">
                    <label htmlFor="password">Choose a password (at least 10 characters)</label>
                    <input
                      id="password"
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      required
                      minLength={10}
                      aria-describedby="password-error"
                      aria-invalid={err('password') ? true : undefined}
                    />
                    <FieldMessage id="password-error" message={err('password')} />
                  </div>
                  <div className="field">
                    <label htmlFor="confirm">Repeat the password</label>
                    <input id="confirm" name="confirm" type="password" autoComplete="new-password" required aria-describedby="confirm-error" />
                    <FieldMessage id="confirm-error" message={err('confirm')} />
                  </div>
                </>
              )}
              <button type="submit" className="button button-primary button-block" disabled={busy}>
                Accept and sign in
              </button>
            </Form>
          </>
        )}
      </div>
    </div>
  )
}
