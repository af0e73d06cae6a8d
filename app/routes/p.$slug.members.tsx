import { Link, useRouteLoaderData } from '@remix-run/react'
import type { PartnershipLoader } from './p.$slug'
import { ROLE_TEXT } from '~/utils/roles'

export default function PartnershipMembers() {
  const data = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  if (!data) return null
  const p = data.partnership
  const mine = p.myParty === 'MSP' ? p.msp : p.client
  const rows = [
    ...p.msp.members.map((m) => ({ ...m, party: p.msp.name, kind: 'MSP' })),
    ...p.client.members.map((m) => ({ ...m, party: p.client.name, kind: 'Client' })),
  ]
  return (
    <>
      <div className="section-head">
        <h2>Members of both parties</h2>
        {p.permissions.includes('member.invite') ? (
          <Link className="button" to={`/org/${mine.slug}/members`}>
            Manage {mine.name} members
          </Link>
        ) : null}
      </div>
      <div className="table-wrap">
        <table>
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
              <tr key={m.email}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {m.party} <span className="muted">({m.kind})</span>
                </td>
                <td>{ROLE_TEXT[m.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
