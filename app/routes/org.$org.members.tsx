import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { describeError, orRespond, requireApi, roleCan, rolesForKind } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { ROLE_TEXT } from '~/utils/roles'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, user, headers } = await requireApi(request)
  const org = params.org ?? ''
  const [data, me] = await Promise.all([orRespond(caller.org.members({ org })), caller.me()])
  const myRole = me.memberships.find((m) => m.org.slug === org)!.role
  return json(
    {
      ...data,
      me: user.id,
      roles: rolesForKind(data.org.kind),
      canInvite: roleCan(myRole, 'member.invite'),
      canManage: roleCan(myRole, 'member.manage'),
      canAudit: roleCan(myRole, 'audit.read'),
    },
    { headers },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Members · ${data.org.name} · Accord` : 'Accord' }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  const org = params.org ?? ''
  try {
    switch (intent) {
      case 'invite': {
        const result = await caller.org.invite({ org, email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') as never })
        return json({ intent, ok: true as const, message: `Invitation created for ${result.email}.`, link: result.link, fieldErrors: [] as FieldErrorLike[] })
      }
      case 'revoke':
        await caller.org.revokeInvitation({ org, invitationId: String(form.get('invitationId') ?? '') })
        return json({ intent, ok: true as const, message: 'Invitation revoked.', link: null, fieldErrors: [] as FieldErrorLike[] })
      case 'role':
        await caller.org.updateMemberRole({ org, userId: String(form.get('userId') ?? ''), role: String(form.get('role') ?? '') as never })
        return json({ intent, ok: true as const, message: 'Role updated.', link: null, fieldErrors: [] as FieldErrorLike[] })
      case 'remove':
        await caller.org.removeMember({ org, userId: String(form.get('userId') ?? '') })
        return json({ intent, ok: true as const, message: 'Member removed.', link: null, fieldErrors: [] as FieldErrorLike[] })
      default:
        return json({ intent, ok: false as const, message: 'Unknown action', link: null, fieldErrors: [] }, { status: 400 })
    }
  } catch (error) {
    const e = describeError(error)
    return json({ intent, ok: false as const, message: e.message, link: null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function OrgMembers() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const inviteErrors = result?.intent === 'invite' ? result.fieldErrors : undefined
  return (
    <div className="page">
      <div className="section-head">
        <h1>{data.org.name}: members</h1>
        {data.canAudit ? <Link to={`/org/${data.org.slug}/audit`}>Organization activity →</Link> : null}
      </div>
      {result ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          <p>{result.message}</p>
          {result.link ? (
            <>
              <p>Send this link to the invitee (email delivery comes later; the link is also written to the outbox log):</p>
              <p className="copy-box" data-testid="invitation-link">
                {result.link}
              </p>
            </>
          ) : null}
        </div>
      ) : null}

      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              {data.canManage ? <th scope="col">Manage</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {data.canManage ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        Role of {m.name}
                      </label>
                      <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                        {data.roles.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_TEXT[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button" disabled={busy}>
                        Save
                      </button>
                    </Form>
                  ) : (
                    ROLE_TEXT[m.role]
                  )}
                </td>
                {data.canManage ? (
                  <td>
                    {m.userId === data.me ? (
                      <span className="muted">you</span>
                    ) : (
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!confirm(`Remove ${m.name} from ${data.org.name}?`)) e.preventDefault()
                        }}
                      >
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" className="button button-danger" disabled={busy}>
                          Remove
                        </button>
                      </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {data.canInvite ? (
        <>
          <h2>Invite someone</h2>
          <Form method="post" className="card" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <div className="form-row">
              <div className="field">
                <label htmlFor="invite-email">Email</label>
                <input
                  id="invite-email"
                  name="email"
                  type="email"
                  required
                  aria-invalid={fieldError(inviteErrors, 'email') ? true : undefined}
                  aria-describedby={fieldError(inviteErrors, 'email') ? 'invite-email-error' : undefined}
                />
                <FieldMessage id="invite-email-error" message={fieldError(inviteErrors, 'email')} />
              </div>
              <div className="field">
                <label htmlFor="invite-role">Role</label>
                <select id="invite-role" name="role" defaultValue={data.roles[data.roles.length - 1]} aria-describedby="invite-role-error">
                  {data.roles.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_TEXT[r]}
                    </option>
                  ))}
                </select>
                <FieldMessage id="invite-role-error" message={fieldError(inviteErrors, 'role')} />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Invite
              </button>
            </div>
          </Form>

          <h2>Pending invitations</h2>
          {data.invitations.length === 0 ? (
            <p className="empty">No pending invitations.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.invitations.map((i) => (
                    <tr key={i.id}>
                      <td>{i.email}</td>
                      <td>{ROLE_TEXT[i.role]}</td>
                      <td>
                        <span className={`badge badge-${i.status.toLowerCase()}`}>{i.status.toLowerCase()}</span>
                      </td>
                      <td>
                        <time dateTime={i.expiresAt}>{i.expiresAt.slice(0, 10)}</time>
                      </td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className="button button-danger" disabled={busy}>
                            Revoke
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  )
}
