import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { describeError, requireApi } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'Notifications · Accord' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, user, headers } = await requireApi(request)
  return json({ preferences: await caller.notifications.preferences(), email: user.email }, { headers })
}

interface ActionResult {
  ok: boolean
  message: string
  fieldErrors: FieldErrorLike[]
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  try {
    // The same schema as the API (ZSetNotificationPreferencesInput): unchecked boxes are simply absent.
    await caller.notifications.setPreferences({ enabled: form.getAll('enabled').map(String) as never })
    return json<ActionResult>({ ok: true, message: 'Saved. Messages from now on follow these choices.', fieldErrors: [] })
  } catch (error) {
    const e = describeError(error)
    return json<ActionResult>({ ok: false, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function Notifications() {
  const { preferences, email } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const enabledError = result?.fieldErrors.find((f) => f.field.startsWith('enabled'))?.message ?? fieldError(result?.fieldErrors, 'enabled')
  return (
    <div className="page">
      <h1>Notifications</h1>
      <p className="muted">
        Which messages Accord sends to <strong>{email}</strong>. Until you save, the defaults for your roles apply (SLA alerts and the
        digest go to MSP admins, account managers and client executives).
      </p>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate aria-labelledby="prefs-heading">
        <fieldset aria-describedby={enabledError ? 'enabled-error' : undefined}>
          <legend id="prefs-heading">Send me</legend>
          {preferences.map((p) => (
            <div className="field field-checkbox" key={p.kind}>
              <label>
                <input
                  type="checkbox"
                  name={p.locked ? undefined : 'enabled'}
                  value={p.kind}
                  defaultChecked={p.enabled}
                  disabled={p.locked}
                  aria-describedby={`hint-${p.kind}`}
                />{' '}
                {p.title}
                {p.chosen || p.locked ? null : <span className="muted"> (default)</span>}
              </label>
              <p className="field-hint" id={`hint-${p.kind}`}>
                {p.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <FieldMessage id="enabled-error" message={enabledError} />
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
      </Form>
    </div>
  )
}
