import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ROLE_LABELS, describeError, orRespond, requireApi } from '~/api.server'
import { LocalTime } from '~/components/local-time'
import { useBusy } from '~/utils/use-busy'

// The organization's two-step sign-in rule, and its members' MFA, for its admins (member.manage; ADR 017).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, user, headers } = await requireApi(request)
  const data = await orRespond(caller.org.mfa({ org: params.org ?? '' }))
  return json({ ...data, me: user.id, roleLabels: ROLE_LABELS }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Sign-in security · ${data.org.name} · Accord` : 'Accord' }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const org = params.org ?? ''
  try {
    if (form.get('intent') === 'remove-mfa') {
      await caller.org.removeMemberMfa({ org, userId: String(form.get('userId') ?? '') })
      return json({ ok: true, message: 'Two-step sign-in removed: the member signs in with the password alone until they set it up again.' })
    }
    const required = form.get('required') === 'true'
    await caller.org.setMfaRequired({ org, required })
    return json({ ok: true, message: required ? 'Two-step sign-in is now required: members without it are sent to set it up.' : 'Two-step sign-in is now optional.' })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false, message: e.message }, { status: e.status })
  }
}

export default function OrgSecurity() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const without = data.members.filter((m) => !m.mfaEnabledAt).length
  return (
    <div className="page">
      <div className="section-head">
        <div>
          <span className="eyebrow">{data.org.name}</span>
          <h1>Sign-in security</h1>
        </div>
        <Link to={`/org/${data.org.slug}/members`}>← Members</Link>
      </div>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} id="org-security-result">
          {result.message}
        </p>
      ) : null}
      <section className="card section-card" aria-labelledby="rule-heading">
        <h2 id="rule-heading">Two-step sign-in for members</h2>
        <p>
          {data.mfaRequired ? (
            <>
              <strong>Required.</strong> A member without it is sent to set it up after signing in, and can do nothing else until then.
            </>
          ) : (
            <>
              <strong>Optional.</strong> {without} of {data.members.length} members sign in with a password alone.
            </>
          )}
        </p>
        <Form method="post">
          <input type="hidden" name="required" value={data.mfaRequired ? 'false' : 'true'} />
          <button type="submit" className={`button ${data.mfaRequired ? '' : 'button-primary'}`} disabled={busy}>
            {data.mfaRequired ? 'Make it optional' : 'Require two-step sign-in'}
          </button>
        </Form>
      </section>
      <div className="table-wrap">
        <table className="table-middle table-stack">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Two-step sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.userId}>
                <th scope="row" className="row-head">
                  {m.name} <span className="muted">{m.email}</span>
                </th>
                <td data-label="Role">{data.roleLabels[m.role]}</td>
                <td data-label="Two-step sign-in">
                  {m.mfaEnabledAt ? (
                    <>
                      <span className="badge badge-active">on</span> since <LocalTime iso={m.mfaEnabledAt} />
                    </>
                  ) : (
                    <span className="muted">off</span>
                  )}
                </td>
                <td>
                  {m.mfaEnabledAt && m.userId !== data.me ? (
                    <Form
                      method="post"
                      onSubmit={(e) => {
                        if (!confirm(`Remove two-step sign-in of ${m.name}? Do it only once you are sure who asked (a lost phone).`)) e.preventDefault()
                      }}
                    >
                      <input type="hidden" name="intent" value="remove-mfa" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <button type="submit" className="button button-danger button-small" disabled={busy}>
                        Remove<span className="visually-hidden"> two-step sign-in of {m.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
