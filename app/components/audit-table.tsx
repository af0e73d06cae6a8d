import { Link, useLocation, useSearchParams } from '@remix-run/react'
import { LocalTime } from '~/components/local-time'
import { actionLabel, entityLabel, fieldLabel, valueLabel } from '~/utils/labels'

export interface AuditEventView {
  id: string
  at: string
  actor: string
  action: string
  entityType: string
  entityId: string
  changes: Record<string, { before?: unknown; after?: unknown }>
}

// Fields beyond this many are folded into a <details>, so that a creation event does not fill the screen.
const VISIBLE_CHANGES = 4

const absent = (value: unknown) => value === null || value === undefined || value === ''

// Values in words (money, dates, enum words; ids as "a linked record"); text is shown whole and wraps.
const show = (field: string, value: unknown) => valueLabel(field, value)

/** "Ava Northcott <ava@northwind.example>" → name and address; other labels (e.g. "demo seed") as they are. */
function splitActor(label: string): { name: string; email: string | null } {
  const match = /^(.*?)\s*<([^>]+)>$/.exec(label)
  return match ? { name: match[1], email: match[2] } : { name: label, email: null }
}

function Change({ field, before, after, mode }: { field: string; before: unknown; after: unknown; mode: 'created' | 'removed' | 'changed' }) {
  return (
    <li>
      <span className="diff-field">{fieldLabel(field)}</span>:{' '}
      {mode === 'created' ? (
        show(field, after)
      ) : mode === 'removed' ? (
        <del>{show(field, before)}</del>
      ) : (
        <>
          {show(field, before)} <span aria-hidden="true">→</span>
          <span className="visually-hidden">changed to</span> {show(field, after)}
        </>
      )}
    </li>
  )
}

// The fields that say what a record is come first, so that the visible lines identify it.
const FIRST = ['title', 'name', 'email', 'role', 'status']
const rank = (field: string) => (FIRST.includes(field) ? FIRST.indexOf(field) : FIRST.length)

function Changes({ changes }: { changes: AuditEventView['changes'] }) {
  const entries = Object.entries(changes).sort(([a], [b]) => rank(a) - rank(b))
  if (entries.length === 0) return <span className="muted">—</span>
  const mode = entries.every(([, c]) => absent(c.before)) ? 'created' : entries.every(([, c]) => absent(c.after)) ? 'removed' : 'changed'
  const item = ([field, c]: (typeof entries)[number]) => <Change key={field} field={field} before={c.before} after={c.after} mode={mode} />
  return (
    <>
      {mode === 'changed' ? null : <span className="muted small">{mode === 'created' ? 'Created with' : 'Removed'}</span>}
      <ul className="diff">{entries.slice(0, VISIBLE_CHANGES).map(item)}</ul>
      {entries.length > VISIBLE_CHANGES ? (
        <details className="diff-more">
          <summary>{entries.length - VISIBLE_CHANGES} more fields</summary>
          <ul className="diff">{entries.slice(VISIBLE_CHANGES).map(item)}</ul>
        </details>
      ) : null}
    </>
  )
}

/**
 * Who did what, when, field by field; shared by the partnership and the organization audit pages. Pages come by
 * the `cursor` query parameter. `entityHref` links an event to the page of its entity, where there is one.
 */
export function AuditTable({
  events,
  nextCursor,
  entityHref,
}: {
  events: AuditEventView[]
  nextCursor: string | null
  entityHref?: (event: AuditEventView) => string | null
}) {
  const [params] = useSearchParams()
  const { pathname } = useLocation()
  const paged = params.has('cursor')
  const pager =
    paged || nextCursor ? (
      <nav className="pager" aria-label="Audit pages">
        {paged ? <Link to={pathname}>← Newest events</Link> : null}
        {nextCursor ? <Link to={`?cursor=${encodeURIComponent(nextCursor)}`}>Older events →</Link> : null}
      </nav>
    ) : null
  if (events.length === 0) {
    return (
      <>
        <p className="empty">{paged ? 'No older events.' : 'Nothing has been recorded yet.'}</p>
        {pager}
      </>
    )
  }
  return (
    <>
      <div className="table-wrap">
        <table className="audit-table table-stack">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const actor = splitActor(e.actor)
              const href = entityHref?.(e) ?? null
              const entity = (
                <>
                  {entityLabel(e.entityType)}
                </>
              )
              return (
                <tr key={e.id}>
                  <td className="nowrap" data-label="When">
                    <LocalTime iso={e.at} />
                  </td>
                  <td data-label="Who">
                    {actor.name}
                    {actor.email ? (
                      <>
                        <br />
                        <span className="muted small">{actor.email}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Action">
                    <span title={e.action}>{actionLabel(e.action)}</span>
                  </td>
                  <td data-label="Entity">{href ? <Link to={href}>{entity}</Link> : entity}</td>
                  <td data-label="Changes">
                    <Changes changes={e.changes} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  )
}
