import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ROLE_LABELS, ZAcceptInvitationInput, acceptInvitation, describeError, getInvitationByToken, getOptionalUser, startSession } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'
import { useBusy } from '~/utils/use-busy'

// Public: the secret token in the link is the credential, so there is no requireApi here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await getInvitationByToken(params.token ?? '')
  if (!invitation) throw json({ message: 'This invitation link is not valid. Check that you copied all of it, or ask for a new one.' }, { status: 404 })
  const signedInEmail = (await getOptionalUser(request))?.email ?? null
  // 410 Gone: the link existed but can no longer be used (expired, used, or withdrawn).
  return json(
    {
      invitation,
      roleLabel: ROLE_LABELS[invitation.role],
      // Whoever accepted is now signed in: tell them they are in, rather than to sign in.
      signedInAsInvitee: signedInEmail === invitation.email,
      signedInAsOther: signedInEmail !== null && signedInEmail !== invitation.email,
      path: new URL(request.url).pathname,
    },
    { status: invitation.status === 'PENDING' ? 200 : 410, headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } },
  )
}

// A locked-out password check answers with Retry-After (from the action); every answer keeps the loader's
// no-store and no-referrer headers, since the URL carries the secret.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders)
  actionHeaders.forEach((value, key) => merged.set(key, value))
  return merged
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Join ${data.invitation.orgName} · Accord` : 'Invitation · Accord' },
  // The URL carries the secret: keep it out of search engines and of Referer headers.
  { name: 'robots', content: 'noindex' },
  { name: 'referrer', content: 'no-referrer' },
]

interface ActionResult {
  message: string
  fieldErrors: FieldErrorLike[]
  name?: string
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData()
  const name = typeof form.get('name') === 'string' ? String(form.get('name')) : undefined
  const password = String(form.get('password') ?? '')
  const confirm = form.get('confirm')
  // Only a new account chooses (and repeats) a password; an existing one is signed in. A mismatch is reported with
  // the other fields' problems, so that the form is corrected in one go; nothing is accepted until all are right.
  if (confirm !== null && confirm !== password) {
    const parsed = ZAcceptInvitationInput.safeParse({ name, password })
    const others = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }))
    return json<ActionResult>(
      { message: 'Check the highlighted fields', fieldErrors: [...others, { field: 'confirm', message: 'Does not match the password' }], name },
      { status: 400 },
    )
  }
  try {
    // An existing account accepts by being signed in as itself (its session stays); a new one starts a session.
    const me = await getOptionalUser(request)
    const { userId } = await acceptInvitation(params.token ?? '', { name, password }, me ? { userId: me.id, email: me.email } : null)
    if (me?.id === userId) return redirect('/')
    return redirect('/', { headers: { 'Set-Cookie': await startSession(userId, request) } })
  } catch (error) {
    const e = describeError(error)
    const headers: HeadersInit = e.details?.retryAfterSeconds ? { 'Retry-After': String(e.details.retryAfterSeconds) } : {}
    return json<ActionResult>({ message: e.message, fieldErrors: e.fieldErrors, name }, { status: e.status, headers })
  }
}

function WhyNot({ status, signedInAsInvitee }: { status: 'EXPIRED' | 'ACCEPTED' | 'REVOKED'; signedInAsInvitee: boolean }) {
  if (status === 'ACCEPTED' && signedInAsInvitee) {
    return (
      <div className="alert alert-success" role="status">
        <p className="alert-title">You have accepted this invitation.</p>
        <p>
          <Link to="/">Go to your partnerships</Link>
        </p>
      </div>
    )
  }
  if (status === 'ACCEPTED') {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-title">This invitation has already been used.</p>
        <p>
          If it was you, <Link to="/login">sign in</Link> with the password you chose.
        </p>
      </div>
    )
  }
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{status === 'EXPIRED' ? 'This invitation has expired.' : 'This invitation was withdrawn.'}</p>
      <p>Ask whoever invited you for a new one.</p>
    </div>
  )
}

export default function AcceptInvitation() {
  const { invitation, roleLabel, signedInAsInvitee, signedInAsOther, path } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const err = (f: string) => fieldError(result?.fieldErrors, f)
  const described = (f: string, hint?: string) => [err(f) ? `${f}-error` : null, hint ?? null].filter(Boolean).join(' ') || undefined
  return (
    <div className="auth-page">
      <div className="card auth-card">
        <span className="eyebrow">Invitation to Accord</span>
        <h1>Join {invitation.orgName}</h1>
        <dl className="facts">
          <dt>Organization</dt>
          <dd>
            {invitation.orgName} <span className="muted">({invitation.orgKind === 'MSP' ? 'MSP' : 'client'})</span>
          </dd>
          <dt>Email</dt>
          <dd>{invitation.email}</dd>
          <dt>Role</dt>
          <dd>{roleLabel}</dd>
          {invitation.status === 'PENDING' ? (
            <>
              <dt>Valid until</dt>
              <dd>
                <LocalTime iso={invitation.expiresAt} />
              </dd>
            </>
          ) : null}
        </dl>
        {invitation.status !== 'PENDING' ? (
          <WhyNot status={invitation.status} signedInAsInvitee={signedInAsInvitee && invitation.status === 'ACCEPTED'} />
        ) : (
          <>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <Form method="post" noValidate>
              {invitation.existingUser ? (
                signedInAsInvitee ? (
                  <p className="muted">You are signed in as {invitation.email}: accept, and the membership is added to your account.</p>
                ) : (
                  <div className="alert alert-warning" role="status" id="sign-in-to-accept">
                    <p>
                      {invitation.email} already has an Accord account. {signedInAsOther ? 'You are signed in as someone else: sign out, then ' : ''}
                      <Link to={`/login?redirectTo=${encodeURIComponent(path)}`}>sign in as {invitation.email}</Link> to accept.
                    </p>
                  </div>
                )
              ) : (
                <>
                  {/* For password managers: the account being created is this address. */}
                  <input type="email" hidden readOnly autoComplete="username" value={invitation.email} />
                  <div className="field">
                    <label htmlFor="name">Your name</label>
                    <input
                      id="name"
                      name="name"
                      autoComplete="name"
                      required
                      maxLength={120}
                      defaultValue={result?.name}
                      aria-invalid={err('name') ? true : undefined}
                      aria-describedby={described('name')}
                    />
                    <FieldMessage id="name-error" message={err('name')} />
                  </div>
                  <div className="field">
                    <label htmlFor="password">Choose a password</label>
                    <input
                      id="password"
                      name="password"
                      type="password"
                      autoComplete="new-password"
                      required
                      minLength={10}
                      aria-invalid={err('password') ? true : undefined}
                      aria-describedby={described('password', 'password-hint')}
                    />
                    <p className="field-hint" id="password-hint">
                      At least 10 characters.
                    </p>
                    <FieldMessage id="password-error" message={err('password')} />
                  </div>
                  <div className="field">
                    <label htmlFor="confirm">Repeat the password</label>
                    <input
                      id="confirm"
                      name="confirm"
                      type="password"
                      autoComplete="new-password"
                      required
                      aria-invalid={err('confirm') ? true : undefined}
                      aria-describedby={described('confirm')}
                    />
                    <FieldMessage id="confirm-error" message={err('confirm')} />
                  </div>
                </>
              )}
              {invitation.existingUser && !signedInAsInvitee ? null : (
                <button type="submit" className="button button-primary button-block" disabled={busy}>
                  {busy ? 'Joining…' : `Accept and join ${invitation.orgName}`}
                </button>
              )}
            </Form>
          </>
        )}
      </div>
    </div>
  )
}
