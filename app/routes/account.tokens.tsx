import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { appBaseUrl, describeError, requireApi } from '~/api.server'
import { CopyBox } from '~/components/copy-box'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'API tokens · Accord' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json({ tokens: await caller.token.list(), origin: appBaseUrl() }, { headers })
}

interface ActionResult {
  intent: 'create' | 'revoke'
  ok: boolean
  message: string
  /** The plain token: in this one response only, never stored or listed. */
  token: string | null
  fieldErrors: FieldErrorLike[]
  name?: string
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = form.get('intent') === 'revoke' ? 'revoke' : 'create'
  const name = String(form.get('name') ?? '')
  try {
    if (intent === 'revoke') {
      await caller.token.revoke({ id: String(form.get('id') ?? '') })
      return json<ActionResult>({ intent, ok: true, message: 'Token revoked. Calls with it now get 401.', token: null, fieldErrors: [] })
    }
    const created = await caller.token.create({ name })
    return json<ActionResult>(
      { intent, ok: true, message: `Token “${created.name}” created.`, token: created.token, fieldErrors: [] },
      // The token must not linger in a cache or in the browser's back-forward history.
      { headers: { 'Cache-Control': 'no-store' } },
    )
  } catch (error) {
    const e = describeError(error)
    return json<ActionResult>({ intent, ok: false, message: e.message, token: null, fieldErrors: e.fieldErrors, name }, { status: e.status })
  }
}

export default function Tokens() {
  const { tokens, origin } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const createResult = result?.intent === 'create' ? result : undefined
  const nameError = fieldError(createResult?.fieldErrors, 'name')
  const form = useRef<HTMLFormElement>(null)
  useEffect(() => {
    if (createResult?.ok) form.current?.reset()
  }, [createResult])
  const active = tokens.filter((t) => !t.revokedAt).length
  return (
    <div className="page">
      <h1>API tokens</h1>
      <p className="muted">
        A token acts as you for machine clients (your PSA export, scripts), with your roles in your organizations. Send it as a bearer token to{' '}
        <code>{origin}/api/trpc/…</code>. Every procedure is in the <a href="/api/docs">API reference</a>.
      </p>

      {result && result.intent === 'revoke' ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}

      <h2 id="create-heading">Create a token</h2>
      {createResult?.ok && createResult.token ? (
        <div className="alert alert-success" role="status">
          <p className="alert-title">{createResult.message}</p>
          <p className="alert-warning">
            <strong>Copy it now: it is shown only this once.</strong> Accord keeps only a hash; if you lose it, revoke it and create another.
          </p>
          <CopyBox value={createResult.token} label="API token" testId="new-token" />
          <p>Try it:</p>
          <CopyBox value={`curl -H "Authorization: Bearer ${createResult.token}" ${origin}/api/trpc/me`} label="curl example" />
        </div>
      ) : null}
      {createResult && !createResult.ok && !nameError ? (
        <p className="alert alert-error" role="alert">
          {createResult.message}
        </p>
      ) : null}
      <Form method="post" className="card" noValidate aria-labelledby="create-heading" ref={form}>
        <input type="hidden" name="intent" value="create" />
        <div className="form-row">
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <p className="field-hint" id="token-name-hint">
              What the token is for, so you know which one to revoke.
            </p>
            <input
              id="token-name"
              name="name"
              required
              maxLength={80}
              autoComplete="off"
              placeholder="e.g. PSA export"
              defaultValue={createResult?.ok ? '' : (createResult?.name ?? '')}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? 'token-name-error token-name-hint' : 'token-name-hint'}
            />
            <FieldMessage id="token-name-error" message={nameError} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Create token
          </button>
        </div>
      </Form>

      <h2>
        Your tokens <span className="muted count">({active} active)</span>
      </h2>
      {tokens.length === 0 ? (
        <p className="empty">No tokens yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table-middle table-stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row" className="row-head">
                    {t.name}
                  </th>
                  <td data-label="Token">
                    <code>{t.prefix}…</code>
                  </td>
                  <td data-label="Created">
                    <LocalTime iso={t.createdAt} />
                  </td>
                  <td data-label="Last used">{t.lastUsedAt ? <LocalTime iso={t.lastUsedAt} /> : <span className="muted">never</span>}</td>
                  <td data-label="Status">
                    {t.revokedAt ? (
                      <span className="badge badge-revoked" title={`Revoked ${t.revokedAt}`}>
                        revoked
                      </span>
                    ) : (
                      <span className="badge badge-active">active</span>
                    )}
                  </td>
                  <td>
                    {t.revokedAt ? null : (
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!confirm(`Revoke “${t.name}”? Anything using it stops working at once.`)) e.preventDefault()
                        }}
                      >
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" className="button button-danger button-small" disabled={busy}>
                          Revoke<span className="visually-hidden"> {t.name}</span>
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
