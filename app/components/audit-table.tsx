import { Link } from '@remix-run/react'

export interface AuditEventView {
  id: string
  at: string
  actor: string
  action: string
  entityType: string
  entityId: string
  changes: Record<string, { before?: unknown; after?: unknown }>
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}…` : value
  return JSON.stringify(value)
}

/** Who did what, when, field by field. */
export function AuditTable({ events, nextCursor }: { events: AuditEventView[]; nextCursor: string | null }) {
  if (events.length === 0) return <p className="empty">Nothing has been recorded yet.</p>
  return (
    <>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{e.at.slice(0, 16).replace('T', ' ')} UTC</time>
                </td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                  <br />
                  <span className="muted">{e.entityType}</span>
                </td>
                <td>
                  <ul className="diff">
                    {Object.entries(e.changes).map(([field, c]) => (
                      <li key={field}>
                        <code>{field}</code>: {show(c.before)} → {show(c.after)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor ? (
        <p>
          <Link to={`?cursor=${nextCursor}`}>Older events →</Link>
        </p>
      ) : null}
    </>
  )
}
