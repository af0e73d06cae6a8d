import { Form } from '@remix-run/react'
import type { FieldErrorLike } from '../forms'
import { TextField } from '../text-field'

export function PasswordSection({ email, errors, busy }: { email: string; errors: FieldErrorLike[] | undefined; busy: boolean }) {
  return (
    <section className="card section-card" aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <p className="muted">Your other sessions end; this one stays signed in.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="password" />
        <input type="email" hidden readOnly autoComplete="username" value={email} />
        <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={errors} />
        <TextField name="password" label="New password" type="password" autoComplete="new-password" required minLength={10} hint="At least 10 characters." errors={errors} />
        <TextField name="confirm" label="Repeat the new password" type="password" autoComplete="new-password" required errors={errors} />
        <button type="submit" className="button button-primary" disabled={busy}>
          Change password
        </button>
      </Form>
    </section>
  )
}

export function SessionsSection({ otherSessions, busy }: { otherSessions: number; busy: boolean }) {
  return (
    <section className="card section-card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p>
        You are signed in here{otherSessions ? ` and in ${otherSessions} other session${otherSessions === 1 ? '' : 's'}` : ' only'}. Lost a device, or
        signed in on a shared computer? End them all.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit" className="button button-danger" disabled={busy}>
          Sign out everywhere
        </button>
      </Form>
    </section>
  )
}
