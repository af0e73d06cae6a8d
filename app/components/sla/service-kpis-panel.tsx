import type { ServiceKpis } from '~/api.server'
import { engineersText, kpiTrend, serviceKpiNote, serviceKpiRows } from '~/charts/service-kpi-rows'
import { num, pct } from '~/utils/format'
import { useLocale } from '~/utils/locale'

/** The quarter beside the previous one and month by month (ADR 024); rows shared with the pack. */
export function ServiceKpisPanel({ kpis }: { kpis: ServiceKpis }) {
  const locale = useLocale()
  return (
    <section className="card spaced" aria-labelledby="service-kpis">
      <h3 id="service-kpis">
        Service KPIs, {kpis.quarter} beside {kpis.previousQuarter}
      </h3>
      <p className="muted">{serviceKpiNote(kpis, locale)}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col" className="nowrap">
                {kpis.quarter}
              </th>
              <th scope="col" className="nowrap">
                {kpis.previousQuarter}
              </th>
              {kpis.monthly.map((m) => (
                <th scope="col" className="nowrap" key={m.month}>
                  {m.month}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {serviceKpiRows(kpis, locale).map((row) => {
              const trend = kpiTrend(row)
              return (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>
                    <strong>{row.text.current}</strong> {trend ? <span className={`badge ${trend === 'better' ? 'badge-active' : 'badge-ended'}`}>{trend}</span> : null}
                  </td>
                  <td className="nowrap">{row.text.previous}</td>
                  {row.text.months.map((t, i) => (
                    <td className="nowrap" key={kpis.monthly[i].month}>
                      {t}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {num(kpis.current.tickets, 0, locale)} tickets this quarter ({num(kpis.current.resolved, 0, locale)} resolved); first contact known for{' '}
        {num(kpis.current.firstContactKnown, 0, locale)}, origin for {num(kpis.current.originKnown, 0, locale)}. Key people: {engineersText(kpis.keyPerson.current)}.
      </p>
      {kpis.keyPerson.byQueue.length ? (
        <div className="table-wrap">
          <table>
            <caption>Key-person dependency per queue, {kpis.quarter}</caption>
            <thead>
              <tr>
                <th scope="col">Queue</th>
                <th scope="col">Share</th>
                <th scope="col">Engineers</th>
                <th scope="col">Complex tickets</th>
              </tr>
            </thead>
            <tbody>
              {kpis.keyPerson.byQueue.map((q) => (
                <tr key={q.queue}>
                  <th scope="row">{q.queue}</th>
                  <td>{pct(q.share, 1, locale)}</td>
                  <td>{engineersText(q)}</td>
                  <td>{num(q.considered, 0, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
