import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { describeError, requireApi } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'

export const meta: MetaFunction = () => [{ title: 'API tokens · Accord' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json({ tokens: await caller.token.list(), origin: new URL(request.url).origin }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = form.get('intent')
  try {
    if (intent === 'revoke') {
      await caller.token.revoke({ id: String(form.get('id') ?? '') })
      return json({ ok: true as const, message: 'Token revoked. Calls with it now get 401.', token: null, fieldErrors: [] as FieldErrorLike[] })
    }
    const created = await caller.token.create({ name: String(form.get('name') ?? '') })
    return json({ ok: true as const, message: `Token "${created.name}" created.`, token: created.token, fieldErrors: [] as FieldErrorLike[] })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false as const, message: e.message, token: null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function Tokens() {
  const { tokens, origin } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const nameError = fieldError(result?.fieldErrors, 'name')
  return (
    <div className="page">
      <h1>API tokens</h1>
      <p className="muted">A token acts as you for machine clients (your PSA export, scripts). It is shown once; store it in a secret manager.</p>
      {result ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          <p>{result.message}</p>
          {result.token ? (
            <>
              <p>
                <strong>Copy it now: it will not be shown again.</strong>
              </p>
              <p className="copy-box" data-testid="new-token">
                {result.token}
              </p>
              <p>Try it:</p>
              <p className="copy-box">
                curl -H "Authorization: Bearer {result.token}" {origin}/api/trpc/me
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="create" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <input
              id="token-name"
              name="name"
              required
              placeholder="e.g. PSA export"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'token-name-error' : undefined}
            />
            <FieldMessage id="token-name-error" message={nameError} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Create token
          </button>
        </div>
      </Form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="empty">No tokens yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{t.createdAt.slice(0, 10)}</td>
                  <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 16).replace('T', ' ') : 'never'}</td>
                  <td>
                    {t.revokedAt ? (
                      <span className="badge badge-revoked">revoked</span>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" className="button button-danger" disabled={busy} aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
