import { Form } from '@remix-run/react'
import type { FieldErrorLike } from '../forms'
import { LocalTime } from '../local-time'
import { TextField } from '../text-field'

export interface MfaState {
  enabled: boolean
  enabledAt: string | null
  recoveryCodesLeft: number
}

export interface Enrolment {
  uri: string
  secret: string
  qrSvg: string
}

/** Two-step sign-in on the account page: set up (QR code, key, confirm), the recovery codes once, or removal. */
export function MfaSection(p: {
  mfa: MfaState
  required: boolean
  pending: Enrolment | null
  recoveryCodes: string[] | null
  errors: FieldErrorLike[] | undefined
  busy: boolean
}) {
  return (
    <section className="card section-card" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Two-step sign-in</h2>
      {p.recoveryCodes ? <RecoveryCodes codes={p.recoveryCodes} /> : null}
      {p.mfa.enabled ? (
        <>
          <p>
            <span className="badge badge-active">on</span> since <LocalTime iso={p.mfa.enabledAt!} />. After your password, Accord asks for a code from your
            authenticator app. {p.mfa.recoveryCodesLeft} of 10 recovery codes unused.
          </p>
          <Form method="post" noValidate aria-labelledby="mfa-disable-heading">
            <h3 id="mfa-disable-heading">Turn it off</h3>
            <input type="hidden" name="intent" value="mfa-disable" />
            <div className="form-row">
              <TextField name="code" idPrefix="disable-" label="A current code, or a recovery code" autoComplete="one-time-code" required maxLength={24} errors={p.errors} />
              <button type="submit" className="button button-danger" disabled={p.busy || p.required}>
                Turn off two-step sign-in
              </button>
            </div>
            {p.required ? <p className="field-hint">Your organization requires two-step sign-in, so it stays on.</p> : null}
          </Form>
        </>
      ) : p.pending ? (
        <Enrol pending={p.pending} errors={p.errors} busy={p.busy} />
      ) : (
        <>
          <p>
            Off. With it on, signing in takes your password and a 6-digit code from an authenticator app on your phone (Microsoft or Google
            Authenticator, 1Password, Bitwarden…).
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="mfa-start" />
            <button type="submit" className="button button-primary" disabled={p.busy}>
              Set up two-step sign-in
            </button>
          </Form>
        </>
      )}
    </section>
  )
}

function Enrol({ pending, errors, busy }: { pending: Enrolment; errors: FieldErrorLike[] | undefined; busy: boolean }) {
  return (
    <div className="enrol-grid">
      <div>
        <img className="qr-code" src={`data:image/svg+xml;base64,${btoa(pending.qrSvg)}`} alt="QR code to scan with your authenticator app" data-testid="mfa-qr" />
      </div>
      <div>
        <ol>
          <li>Scan the QR code with your authenticator app.</li>
          <li>
            Or type this key into it: <code className="secret-key" data-testid="mfa-secret">{pending.secret}</code>
          </li>
          <li>Enter the 6-digit code it shows.</li>
        </ol>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="mfa-confirm" />
          <div className="form-row">
            <TextField name="code" idPrefix="confirm-" label="Code from the app" inputMode="numeric" autoComplete="one-time-code" required maxLength={7} errors={errors} />
            <button type="submit" className="button button-primary" disabled={busy}>
              Turn on
            </button>
          </div>
        </Form>
      </div>
    </div>
  )
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="alert alert-success" role="status" id="recovery-codes">
      <p className="alert-title">Two-step sign-in is on. Your recovery codes:</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <p className="alert-warning">
        <strong>Keep them somewhere safe now: they are shown only this once.</strong> Each works once, in place of a code, if you lose your phone.
      </p>
    </div>
  )
}
