import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { LocalTime } from '~/components/local-time'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const org = params.org ?? ''
  const status = new URL(request.url).searchParams.get('status') || undefined
  // org.outbox answers 404 to a non-member and 403 to a role without member.manage; me() then names the organization.
  const [messages, me] = await Promise.all([orRespond(caller.org.outbox({ org, limit: 100, status: status as 'OUTBOX' | 'FAILED' | undefined })), caller.me()])
  const membership = me.memberships.find((m) => m.org.slug === org)
  if (!membership) throw json({ message: 'Organization not found' }, { status: 404 })
  return json({ messages, org: membership.org }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Outbox · ${data.org.name} · Accord` : 'Accord' }]

export default function Outbox() {
  const { messages, org } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${org.slug}/members`}>← {org.name}: members</Link>
      </p>
      <h1>{org.name}: outbox</h1>
      <p className="muted">
        Mail to your organization's members and invitees. Without an SMTP server configured (<code>SMTP_URL</code>), Accord keeps every
        message here instead of sending it; with one, only deliveries that failed are kept. Newest first.
      </p>
      {messages.length === 0 ? (
        <p className="empty">No messages.</p>
      ) : (
        <ul className="outbox-list">
          {messages.map((m) => (
            <li key={m.id} className="card">
              <details>
                <summary>
                  <strong>{m.subject}</strong> <span className="muted">to {m.to}</span>{' '}
                  <span className={`badge ${m.status === 'FAILED' ? 'badge-revoked' : 'badge-active'}`}>{m.status === 'FAILED' ? 'failed' : 'kept'}</span>{' '}
                  <span className="muted">
                    <LocalTime iso={m.createdAt} />
                  </span>
                </summary>
                {m.error ? <p className="alert alert-error">{m.error}</p> : null}
                {m.attachments.length ? (
                  <p className="muted">Attachments: {m.attachments.map((a) => `${a.filename} (${a.contentType}, ${a.size} bytes)`).join(', ')}</p>
                ) : null}
                <h2 className="visually-hidden">Plain text</h2>
                <pre className="outbox-text">{m.text}</pre>
                {/* The HTML part as the recipient would see it; sandboxed, so its markup runs nothing here. */}
                <iframe title={`HTML of “${m.subject}”`} sandbox="" srcDoc={m.html} style={{ width: '100%', height: 420, border: '1px solid #e5e7eb' }} />
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
