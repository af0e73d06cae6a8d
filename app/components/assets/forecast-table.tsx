import { Form } from '@remix-run/react'
import { formatDate, money, num } from '~/utils/format'

export interface ForecastQuarterView {
  quarter: string
  starts: string
  ends: string
  count: number
  costs: Array<{ currency: string; cents: number }>
  groups: Array<{ type: string; count: number; overdue: number; reasons: { warranty: number; endOfLife: number }; costs: Array<{ currency: string; cents: number }> }>
}

const costText = (costs: Array<{ currency: string; cents: number }>, locale: string) => (costs.length ? costs.map((c) => money(c.cents / 100, c.currency, locale)).join(' + ') : '—')

/** The replacement forecast by quarter; each quarter with something due turns into a roadmap item in one step. */
export function ForecastTable({ quarters, locale, canPlan, busy }: { quarters: ForecastQuarterView[]; locale: string; canPlan: boolean; busy: boolean }) {
  return (
    <table className="table" aria-label="Replacement forecast by quarter">
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col">Due for replacement</th>
          <th scope="col" className="num">
            Assets
          </th>
          <th scope="col" className="num">
            Replacement cost
          </th>
          {canPlan ? <th scope="col">Roadmap</th> : null}
        </tr>
      </thead>
      <tbody>
        {quarters.map((q) => (
          <tr key={q.quarter}>
            <th scope="row">
              {q.quarter}
              <div className="muted small">
                {formatDate(q.starts, locale)} – {formatDate(q.ends, locale)}
              </div>
            </th>
            <td>
              {q.groups.length === 0 ? <span className="muted">Nothing due</span> : null}
              <ul className="plain">
                {q.groups.map((g) => (
                  <li key={g.type}>
                    {num(g.count, 0, locale)} × {g.type}
                    <span className="muted small">
                      {' '}
                      ({[g.reasons.warranty ? `${num(g.reasons.warranty, 0, locale)} out of warranty` : '', g.reasons.endOfLife ? `${num(g.reasons.endOfLife, 0, locale)} past end of life` : '', g.overdue ? `${num(g.overdue, 0, locale)} overdue` : '']
                        .filter(Boolean)
                        .join(', ')}
                      )
                    </span>
                  </li>
                ))}
              </ul>
            </td>
            <td className="num">{num(q.count, 0, locale)}</td>
            <td className="num">{costText(q.costs, locale)}</td>
            {canPlan ? (
              <td>
                {q.count > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="quarter" value={q.quarter} />
                    <button type="submit" className="button secondary" disabled={busy || q.costs.length > 1} title={q.costs.length > 1 ? 'Several currencies: turn one type at a time into an item (API)' : undefined}>
                      Add to roadmap
                    </button>
                  </Form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
