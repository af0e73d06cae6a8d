import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { ROLE_LABELS, describeError, orRespond, requireApi, roleCan, rolesForKind } from '~/api.server'
import { CopyBox } from '~/components/copy-box'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, user, headers } = await requireApi(request)
  const org = params.org ?? ''
  // org.members answers 404 to a non-member first; the caller's role then decides which controls to show
  // (the procedures check it again on every action).
  const [data, me] = await Promise.all([orRespond(caller.org.members({ org })), caller.me()])
  const myRole = me.memberships.find((m) => m.org.slug === data.org.slug)?.role
  if (!myRole) throw json({ message: 'Organization not found' }, { status: 404 })
  return json(
    {
      ...data,
      me: user.id,
      myRole,
      roles: rolesForKind(data.org.kind).map((r) => ({ value: r, label: ROLE_LABELS[r] })),
      roleLabels: ROLE_LABELS,
      canInvite: roleCan(myRole, 'member.invite'),
      canManage: roleCan(myRole, 'member.manage'),
      canBrand: roleCan(myRole, 'org.brand'),
      canAudit: roleCan(myRole, 'audit.read'),
      canStandards: roleCan(myRole, 'standard.read'),
    },
    { headers },
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Members · ${data.org.name} · Accord` : 'Accord' }]

type Intent = 'invite' | 'revoke' | 'role' | 'remove'
interface ActionResult {
  intent: Intent | null
  ok: boolean
  message: string
  link: string | null
  /** The member or invitation the result is about, to show it on its row. */
  target: string | null
  fieldErrors: FieldErrorLike[]
  email?: string
}

const INTENTS: readonly string[] = ['invite', 'revoke', 'role', 'remove']

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const raw = String(form.get('intent') ?? '')
  const intent = INTENTS.includes(raw) ? (raw as Intent) : null
  const org = params.org ?? ''
  const text = (name: string) => String(form.get(name) ?? '')
  const target = intent === 'revoke' ? text('invitationId') : intent === 'role' || intent === 'remove' ? text('userId') : null
  const done = (message: string, link: string | null = null) => json<ActionResult>({ intent, ok: true, message, link, target, fieldErrors: [] })
  try {
    switch (intent) {
      case 'invite': {
        // The role arrives as a string; the procedure's zod schema answers 400 with the field for anything else.
        const result = await caller.org.invite({ org, email: text('email'), role: text('role') as never })
        return done(`Invitation created for ${result.email}.`, result.link)
      }
      case 'revoke':
        await caller.org.revokeInvitation({ org, invitationId: text('invitationId') })
        return done('Invitation revoked: its link no longer works.')
      case 'role':
        await caller.org.updateMemberRole({ org, userId: text('userId'), role: text('role') as never })
        return done('Role updated.')
      case 'remove':
        await caller.org.removeMember({ org, userId: text('userId') })
        return done('Member removed.')
      default:
        return json<ActionResult>({ intent, ok: false, message: 'Unknown action', link: null, target, fieldErrors: [] }, { status: 400 })
    }
  } catch (error) {
    const e = describeError(error)
    return json<ActionResult>(
      { intent, ok: false, message: e.message, link: null, target, fieldErrors: e.fieldErrors, email: intent === 'invite' ? text('email') : undefined },
      { status: e.status },
    )
  }
}

function ResultAlert({ result }: { result: ActionResult }) {
  return (
    <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
      <p className="alert-title">{result.message}</p>
      {result.link ? (
        <>
          <p>Send this link to the invitee. Email delivery comes later; the link is also written to the outbox log.</p>
          <CopyBox value={result.link} label="Invitation link" testId="invitation-link" />
        </>
      ) : null}
    </div>
  )
}

export default function OrgMembers() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const inviteResult = result?.intent === 'invite' ? result : undefined
  const otherResult = result && result.intent !== 'invite' ? result : undefined
  const emailError = fieldError(inviteResult?.fieldErrors, 'email')
  const roleError = fieldError(inviteResult?.fieldErrors, 'role')
  // Every answer re-mounts the role selects at the members' actual roles (a refused change must not stay selected).
  const [answers, setAnswers] = useState(0)
  useEffect(() => setAnswers((n) => n + 1), [result])
  const inviteForm = useRef<HTMLFormElement>(null)
  // A sent invitation empties the form for the next one; a refused one keeps what was typed.
  useEffect(() => {
    if (inviteResult?.ok) inviteForm.current?.reset()
  }, [inviteResult])

  return (
    <div className="page">
      <div className="section-head">
        <div>
          <span className="eyebrow">{data.org.kind === 'MSP' ? 'MSP' : 'Client'} organization</span>
          <h1>{data.org.name}: members</h1>
        </div>
        <div>
          {data.canAudit ? <Link to={`/org/${data.org.slug}/audit`}>Organization activity →</Link> : null}
          {data.canStandards && data.org.kind === 'MSP' ? (
            <>
              {' '}
              <Link to={`/org/${data.org.slug}/standards`}>Standards library →</Link>
            </>
          ) : null}
          {data.org.kind === 'CLIENT' ? (
            <>
              {' '}
              <Link to={`/org/${data.org.slug}/headcount`}>Users supported →</Link>
            </>
          ) : null}
          {data.canManage ? (
            <>
              {' '}
              <Link to={`/org/${data.org.slug}/outbox`}>Outbox →</Link>{' '}
              <Link to={`/org/${data.org.slug}/security`}>Sign-in security →</Link>
              <Link to={`/org/${data.org.slug}/sso`}>Single sign-on →</Link>{' '}
              <Link to={`/org/${data.org.slug}/webhooks`}>Webhooks →</Link>
              {data.canBrand ? (
                <>
                  {' '}
                  <Link to={`/org/${data.org.slug}/branding`}>Branding →</Link>
                </>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
      <p className="muted">
        Your role here: {data.roleLabels[data.myRole]}.{' '}
        {data.canManage
          ? 'You can invite people, change roles and remove members.'
          : data.canInvite
            ? 'You can invite people.'
            : 'Ask an admin of your organization to invite people or change roles.'}
      </p>

      {/* A refused role change or removal is shown on the member's row; everything else here. */}
      {otherResult && (otherResult.ok || !data.members.some((m) => m.userId === otherResult.target)) ? <ResultAlert result={otherResult} /> : null}

      <h2>Members</h2>
      <div className="table-wrap">
        <table className="table-middle table-stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Member since</th>
              <th scope="col">Role</th>
              {data.canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => {
              const rowError = otherResult && !otherResult.ok && otherResult.target === m.userId ? otherResult.message : undefined
              return (
                <tr key={m.userId}>
                  <th scope="row" className="row-head">
                    {m.name}
                    {m.userId === data.me ? <span className="muted"> (you)</span> : null}
                  </th>
                  <td data-label="Email">{m.email}</td>
                  <td data-label="Member since">
                    <LocalTime iso={m.since} dateOnly />
                  </td>
                  <td data-label="Role">
                    {data.canManage ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                          Role of {m.name}
                        </label>
                        <select
                          key={`${m.role}-${answers}`}
                          id={`role-${m.userId}`}
                          name="role"
                          defaultValue={m.role}
                          aria-invalid={rowError ? true : undefined}
                          aria-describedby={rowError ? `row-error-${m.userId}` : undefined}
                        >
                          {data.roles.map((r) => (
                            <option key={r.value} value={r.value}>
                              {r.label}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button-small" disabled={busy}>
                          Save<span className="visually-hidden"> role of {m.name}</span>
                        </button>
                      </Form>
                    ) : (
                      data.roleLabels[m.role]
                    )}
                    <FieldMessage id={`row-error-${m.userId}`} message={rowError} />
                  </td>
                  {data.canManage ? (
                    <td>
                      {m.userId === data.me ? null : (
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!confirm(`Remove ${m.name} from ${data.org.name}? They lose access to its partnerships at once.`)) e.preventDefault()
                          }}
                        >
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="userId" value={m.userId} />
                          <button type="submit" className="button button-danger button-small" disabled={busy}>
                            Remove<span className="visually-hidden"> {m.name}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                  ) : null}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      {data.canInvite ? (
        <>
          <h2 id="invite-heading">Invite someone</h2>
          {inviteResult ? <ResultAlert result={inviteResult} /> : null}
          <Form method="post" className="card" noValidate aria-labelledby="invite-heading" ref={inviteForm}>
            <input type="hidden" name="intent" value="invite" />
            <div className="form-row">
              <div className="field">
                <label htmlFor="invite-email">Email</label>
                <input
                  id="invite-email"
                  name="email"
                  type="email"
                  autoComplete="off"
                  required
                  defaultValue={inviteResult?.ok ? '' : (inviteResult?.email ?? '')}
                  aria-invalid={emailError ? true : undefined}
                  aria-describedby={emailError ? 'invite-email-error' : undefined}
                />
                <FieldMessage id="invite-email-error" message={emailError} />
              </div>
              <div className="field">
                <label htmlFor="invite-role">Role</label>
                <select
                  id="invite-role"
                  name="role"
                  defaultValue={data.roles[data.roles.length - 1]?.value}
                  aria-invalid={roleError ? true : undefined}
                  aria-describedby={roleError ? 'invite-role-error' : undefined}
                >
                  {data.roles.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </select>
                <FieldMessage id="invite-role-error" message={roleError} />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Send invitation
              </button>
            </div>
          </Form>

          <h2>Pending invitations</h2>
          {data.invitations.length === 0 ? (
            <p className="empty">No pending invitations.</p>
          ) : (
            <div className="table-wrap">
              <table className="table-middle table-stack">
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Expires</th>
                    <th scope="col">
                      <span className="visually-hidden">Revoke</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.invitations.map((i) => (
                    <tr key={i.id}>
                      <th scope="row" className="row-head">
                        {i.email}
                      </th>
                      <td data-label="Role">{data.roleLabels[i.role]}</td>
                      <td data-label="Status">
                        <span className={`badge badge-${i.status.toLowerCase()}`}>{i.status.toLowerCase()}</span>
                      </td>
                      <td data-label="Sent">
                        <LocalTime iso={i.createdAt} dateOnly />
                      </td>
                      <td data-label="Expires">
                        <LocalTime iso={i.expiresAt} dateOnly />
                      </td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className="button button-danger button-small" disabled={busy}>
                            Revoke<span className="visually-hidden"> the invitation of {i.email}</span>
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
