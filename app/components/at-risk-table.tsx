import { duration, inZone } from '~/utils/format'
import { TicketCell } from '~/components/ticket-cell'
import { useLocale } from '~/utils/locale'

export interface AtRiskRow {
  externalId: string
  title: string
  priority: string
  metric: 'response' | 'resolution'
  usedShare: number
  dueAt: string | null
  elapsedMinutes: number
  targetMinutes: number
}

/** Pending clocks past the policy's at-risk share, soonest due first (as sla.atRisk returns them). */
export function AtRiskTable({ slug, zone, share, clocks, total }: { slug: string; zone: string; share: number; clocks: AtRiskRow[]; total: number }) {
  const locale = useLocale()
  const threshold = `${Math.round(share * 100)}%`
  if (clocks.length === 0) return <p className="empty">No open ticket has used {threshold} of a target yet.</p>
  return (
    <div className="table-wrap">
      <table aria-label="At-risk tickets">
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Priority</th>
            <th scope="col">Target</th>
            <th scope="col">Used</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {clocks.map((c) => (
            <tr key={`${c.externalId}:${c.metric}`}>
              <td>
                <TicketCell slug={slug} ticket={c} />
              </td>
              <td>{c.priority}</td>
              <td>{c.metric}</td>
              <td>
                <span className="badge verdict-pending">{Math.floor(c.usedShare * 100)}%</span> {duration(c.elapsedMinutes)} of {duration(c.targetMinutes)}
              </td>
              <td>{c.dueAt ? inZone(c.dueAt, zone, locale) : 'on hold while waiting'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > clocks.length ? <p className="muted">The {clocks.length} soonest due of {total}.</p> : null}
    </div>
  )
}
