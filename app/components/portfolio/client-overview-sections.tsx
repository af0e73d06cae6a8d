import type { ClientOverview } from '../../../server/overview/client-overview.server.ts'
import { duration, money } from '~/utils/format'
import { useLocale } from '~/utils/locale'

type Data = ClientOverview

export function OverviewRoadmap({ items }: { items: Data['roadmap'] }) {
  const locale = useLocale()
  if (items.length === 0) return <p className="muted">No roadmap items with any MSP yet.</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">MSP</th>
            <th scope="col">Quarter</th>
            <th scope="col">Status</th>
            <th scope="col">One-time</th>
            <th scope="col">Recurring</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row" className="row-head">{i.title}</th>
              <td>
                <span className="badge badge-party-msp">{i.msp}</span>
              </td>
              <td>{i.targetQuarter ?? '—'}</td>
              <td>{i.status.toLowerCase().replace('_', ' ')}</td>
              <td>{money(i.oneTimeCents / 100, i.currency, locale)}</td>
              <td>{i.recurringCents ? `${money(i.recurringCents / 100, i.currency, locale)} / ${i.recurringPeriod.toLowerCase()}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function OverviewBudget({ budget }: { budget: Data['budget'] }) {
  const locale = useLocale()
  if (budget.rollups.length === 0) return <p className="muted">Nothing budgeted in {budget.horizon[0]}–{budget.horizon.at(-1)}.</p>
  return (
    <>
      {budget.rollups.map((r) => (
        <div className="table-wrap" key={r.currency}>
          <table>
            <caption>All MSPs, {r.currency}</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                <th scope="col">Committed</th>
                <th scope="col">Planned</th>
              </tr>
            </thead>
            <tbody>
              {r.quarters.map((q) => (
                <tr key={q.period}>
                  <th scope="row" className="row-head">{q.period}</th>
                  <td>{money(q.committed.total, r.currency, locale)}</td>
                  <td>{money(q.planned.total, r.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  )
}

export function OverviewRaci({ raci, msps }: { raci: Data['raci']; msps: string[] }) {
  const gaps = raci.filter((f) => f.problem === 'none-accountable')
  const conflicts = raci.filter((f) => f.problem === 'several-accountable')
  return (
    <>
      <div className="raci-check" role="status">
        <p>
          <strong>No Accountable party ({gaps.length}):</strong> {gaps.length ? gaps.map((f) => f.name).join(', ') : 'none'}
        </p>
        <p>
          <strong>Two or more claim A ({conflicts.length}):</strong>{' '}
          {conflicts.length ? conflicts.map((f) => `${f.name} (${f.accountable.join(', ')})`).join('; ') : 'none'}
        </p>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Function</th>
              {msps.map((m) => (
                <th key={m} scope="col">
                  {m} / you
                </th>
              ))}
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {raci.map((f) => (
              <tr key={`${f.category}/${f.name}`}>
                <th scope="row" className="row-head">
                  {f.name} <span className="muted small">{f.category}</span>
                </th>
                {msps.map((m) => (
                  <td key={m}>{f.byMsp[m] ? `${f.byMsp[m].msp} / ${f.byMsp[m].client}` : '—'}</td>
                ))}
                <td>
                  {f.problem === 'none-accountable' ? (
                    <span className="badge badge-ended">no A</span>
                  ) : f.problem === 'several-accountable' ? (
                    <span className="badge badge-paused">A: {f.accountable.join(', ')}</span>
                  ) : (
                    <span className="badge badge-active">A: {f.accountable[0]}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

export function OverviewSlas({ slas }: { slas: Data['slas'] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">Target</th>
            {slas.msps.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {slas.rows.map((r) => (
            <tr key={`${r.priority}-${r.metric}`}>
              <th scope="row" className="row-head">{r.priority}</th>
              <td>{r.metric}</td>
              {slas.msps.map((m) => {
                const c = r.cells[m]
                return (
                  <td key={m} className={c?.mark ? `sla-${c.mark}` : undefined}>
                    {c ? duration(c.minutes, c.clock as 'business' | '24x7') : '—'}
                    {c?.mark ? <span className={`badge badge-sla-${c.mark}`}> {c.mark}</span> : null}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
