import { Form } from '@remix-run/react'
import { useState } from 'react'
import type { SsoActionResult } from '~/routes/org.$org.sso'
import { CopyBox } from './copy-box'
import { FieldMessage, fieldError } from './forms'
import { useBusy } from '~/utils/use-busy'

interface Data {
  redirectUri: string
  roles: Array<{ value: string; label: string }>
  connection: {
    issuerUrl: string
    clientId: string
    hasClientSecret: boolean
    unknownUserPolicy: 'REFUSE' | 'PROVISION'
    provisionRole: string | null
    ssoOnly: boolean
    enabled: boolean
  } | null
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="muted field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  )
}

const described = (id: string, error: string | undefined, hint = false) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
})

/** The identity provider: where to register Accord, the issuer and client, and who may come in. */
export function SsoConnectionForm({ data, result }: { data: Data; result?: SsoActionResult }) {
  const c = data.connection
  const busy = useBusy()
  const errors = result && !result.ok ? result.fieldErrors : []
  const err = (f: string) => fieldError(errors, f)
  const values = result?.ok ? undefined : result?.values
  const [policy, setPolicy] = useState(values?.unknownUserPolicy ?? c?.unknownUserPolicy ?? 'REFUSE')
  return (
    <section aria-labelledby="idp-heading">
      <h2 id="idp-heading">Identity provider</h2>
      <p>Register Accord at your identity provider as a web application with this redirect URI:</p>
      <CopyBox value={data.redirectUri} label="redirect URI" testId="sso-redirect-uri" />
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate aria-labelledby="idp-heading">
        <input type="hidden" name="intent" value="save" />
        <Field id="issuerUrl" label="Issuer URL" error={err('issuerUrl')} hint="Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0 · Google: https://accounts.google.com">
          <input id="issuerUrl" name="issuerUrl" type="url" required defaultValue={values?.issuerUrl ?? c?.issuerUrl ?? ''} {...described('issuerUrl', err('issuerUrl'), true)} />
        </Field>
        <div className="form-row sso-client-row">
          <Field id="clientId" label="Client ID" error={err('clientId')}>
            <input id="clientId" name="clientId" required autoComplete="off" defaultValue={values?.clientId ?? c?.clientId ?? ''} {...described('clientId', err('clientId'))} />
          </Field>
          <Field id="clientSecret" label="Client secret" error={err('clientSecret')} hint={c?.hasClientSecret ? 'Stored encrypted, never shown. Leave empty to keep it (a new issuer needs it again).' : 'Stored encrypted, never shown again.'}>
            <input id="clientSecret" name="clientSecret" type="password" autoComplete="new-password" {...described('clientSecret', err('clientSecret'), true)} />
          </Field>
        </div>
        <fieldset className="field">
          <legend>People with a verified address but no membership here</legend>
          <label className="check">
            <input type="radio" name="unknownUserPolicy" value="REFUSE" checked={policy === 'REFUSE'} onChange={() => setPolicy('REFUSE')} /> Refuse them, unless
            they hold an invitation (it is accepted when they sign in)
          </label>
          <label className="check">
            <input type="radio" name="unknownUserPolicy" value="PROVISION" checked={policy === 'PROVISION'} onChange={() => setPolicy('PROVISION')} /> Let them in as
            members with the role below
          </label>
          <Field id="provisionRole" label="Role of people let in" error={err('provisionRole')}>
            <select id="provisionRole" name="provisionRole" defaultValue={values?.provisionRole ?? c?.provisionRole ?? data.roles[data.roles.length - 1]?.value} disabled={policy !== 'PROVISION'} {...described('provisionRole', err('provisionRole'))}>
              {data.roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </Field>
        </fieldset>
        <div className="field">
          <label className="check">
            <input type="checkbox" name="enabled" defaultChecked={c?.enabled ?? true} /> Single sign-on is on
          </label>
          <label className="check">
            <input type="checkbox" name="ssoOnly" defaultChecked={c?.ssoOnly ?? false} aria-describedby="ssoOnly-hint ssoOnly-error" /> SSO only: turn off passwords for
            this organization’s people (sign-in, reset and change)
          </label>
          <p className="muted field-hint" id="ssoOnly-hint">
            Needs a verified domain. An operator can still reach the organization with the <code>accord</code> command.
          </p>
          <FieldMessage id="ssoOnly-error" message={err('ssoOnly')} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
      </Form>
      {c ? (
        <Form method="post" className="inline-form sso-check">
          <input type="hidden" name="intent" value="check" />
          <button type="submit" className="button" disabled={busy}>
            Check the issuer
          </button>
        </Form>
      ) : null}
    </section>
  )
}
