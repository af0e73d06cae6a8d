import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { describeError, endSession, requireApi, retryHeaders } from '~/api.server'
import { MfaSection } from '~/components/account-security/mfa-section'
import { PasswordSection, SessionsSection } from '~/components/account-security/password-section'
import type { FieldErrorLike } from '~/components/forms'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'Sign-in and security · Accord' }]
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders)
  actionHeaders.forEach((value, key) => merged.set(key, value))
  return merged
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, user, headers } = await requireApi(request)
  const [security, pending] = await Promise.all([caller.account.security(), caller.account.mfa.pending()])
  // The enrolment key is a secret: never cached.
  headers.set('Cache-Control', 'no-store')
  return json({ security, pending, email: user.email }, { headers })
}

type Intent = 'mfa-start' | 'mfa-confirm' | 'mfa-disable' | 'password' | 'sign-out-everywhere'
const INTENTS: Intent[] = ['mfa-start', 'mfa-confirm', 'mfa-disable', 'password', 'sign-out-everywhere']

interface ActionResult {
  intent: Intent
  ok: boolean
  message: string
  fieldErrors: FieldErrorLike[]
  /** Shown in this one answer only. */
  recoveryCodes?: string[]
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = INTENTS.find((i) => i === form.get('intent'))
  if (!intent) return json({ intent: 'password', ok: false, message: 'intent: unknown action', fieldErrors: [{ field: 'intent', message: 'Unknown action' }] } satisfies ActionResult, { status: 400 })
  const field = (name: string) => form.get(name) ?? undefined
  try {
    switch (intent) {
      case 'mfa-start':
        await caller.account.mfa.start()
        return json<ActionResult>({ intent, ok: true, message: '', fieldErrors: [] })
      case 'mfa-confirm': {
        const { recoveryCodes } = await caller.account.mfa.confirm({ code: field('code') as string })
        return json<ActionResult>({ intent, ok: true, message: 'Two-step sign-in is on.', fieldErrors: [], recoveryCodes }, { headers: { 'Cache-Control': 'no-store' } })
      }
      case 'mfa-disable':
        await caller.account.mfa.disable({ code: field('code') as string })
        return json<ActionResult>({ intent, ok: true, message: 'Two-step sign-in is off. Your recovery codes no longer work.', fieldErrors: [] })
      case 'password': {
        const { otherSessionsEnded } = await caller.account.changePassword({
          currentPassword: field('currentPassword') as string,
          password: field('password') as string,
          confirm: field('confirm') as string,
        })
        const ended = otherSessionsEnded ? ` ${otherSessionsEnded} other session${otherSessionsEnded === 1 ? '' : 's'} ended.` : ''
        return json<ActionResult>({ intent, ok: true, message: `Password changed.${ended}`, fieldErrors: [] })
      }
      case 'sign-out-everywhere':
        await caller.account.signOutEverywhere()
        return redirect('/login', { headers: { 'Set-Cookie': await endSession(request) } })
    }
  } catch (error) {
    const e = describeError(error)
    return json<ActionResult>({ intent, ok: false, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status, headers: retryHeaders(e) })
  }
}

export default function AccountSecurity() {
  const { security, pending, email } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const [params] = useSearchParams()
  const busy = useBusy()
  const errorsFor = (...intents: Intent[]) => (result && intents.includes(result.intent) ? result.fieldErrors : undefined)
  const mustEnrol = security.mfaRequired && !security.mfa.enabled
  return (
    <div className="page">
      <h1>Sign-in and security</h1>
      <p className="muted">How you sign in as {email}.</p>
      {mustEnrol || params.get('required') ? (
        <p className={`alert ${mustEnrol ? 'alert-error' : 'alert-success'}`} role="status" id="mfa-required">
          {mustEnrol ? (
            'Your organization requires two-step sign-in. Set it up to continue: until then, this is the only page you can use.'
          ) : (
            <>
              Thank you: you can now <Link to="/">go to your partnerships</Link>.
            </>
          )}
        </p>
      ) : null}
      {result?.message && !result.recoveryCodes ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} id="security-result">
          {result.message}
        </p>
      ) : null}
      <MfaSection
        mfa={security.mfa}
        required={security.mfaRequired}
        pending={pending}
        recoveryCodes={result?.recoveryCodes ?? null}
        errors={errorsFor('mfa-confirm', 'mfa-disable')}
        busy={busy}
      />
      <PasswordSection email={email} errors={errorsFor('password')} busy={busy} />
      <SessionsSection otherSessions={security.otherSessions} busy={busy} />
    </div>
  )
}
