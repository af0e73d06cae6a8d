import { Link, useRouteLoaderData } from '@remix-run/react'
import { partnershipMeta, usePartnership } from '~/components/partnership'
import type { loader as rootLoader } from '~/root'

export const meta = partnershipMeta('Members')

export default function PartnershipMembers() {
  const { partnership: p, roleLabels } = usePartnership()
  const me = useRouteLoaderData<typeof rootLoader>('root')?.user
  const mine = p.myParty === 'MSP' ? p.msp : p.client
  const rows = [
    ...p.msp.members.map((m) => ({ ...m, party: p.msp.name, kind: 'MSP' })),
    ...p.client.members.map((m) => ({ ...m, party: p.client.name, kind: 'Client' })),
  ]
  return (
    <>
      <div className="section-head">
        <h2>Members of both parties</h2>
        {/* Each party manages its own people: the link goes to the caller's organization only. */}
        {p.permissions.includes('member.invite') ? (
          <Link className="button" to={`/org/${mine.slug}/members`}>
            Manage {mine.name} members
          </Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="empty">Neither party has members yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table-stack">
            <caption className="visually-hidden">Members of {p.msp.name} and {p.client.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Party</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={`${m.kind}-${m.email}`}>
                  <th scope="row" className="row-head">
                    {m.name}
                    {me?.email === m.email ? <span className="muted"> (you)</span> : null}
                  </th>
                  <td data-label="Email">
                    <a href={`mailto:${m.email}`}>{m.email}</a>
                  </td>
                  <td data-label="Party">
                    {m.party} <span className="muted">({m.kind})</span>
                  </td>
                  <td data-label="Role">{roleLabels[m.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
