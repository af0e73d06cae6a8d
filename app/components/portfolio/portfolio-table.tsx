import { Link } from '@remix-run/react'
import type { PortfolioColumn, PortfolioRow } from '../../../server/portfolio/portfolio.schemas.ts'
import { formatDate, num, pct } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { Sparkline } from './sparkline'

const HEADERS: Array<[PortfolioColumn, string]> = [
  ['client', 'Client'],
  ['owner', 'Account manager'],
  ['resolutionNow', 'Resolution'],
  ['responseNow', 'Response'],
  ['breaches', 'Breaches'],
  ['atRisk', 'At risk'],
  ['escalationRate', 'Escalated'],
  ['csat', 'CSAT'],
  ['keyPersonShare', 'Key people'],
  ['reopenRate', 'Reopened'],
  ['firstContactRate', 'First contact'],
  ['incidentsPer100Users', 'Incidents /100 users'],
  ['proactiveShare', 'Proactive'],
  ['nextQbr', 'Next QBR'],
  ['overdueActions', 'Overdue actions'],
  ['awaitingMsp', 'Awaiting approval'],
  ['lastPack', 'Last pack'],
]

const QBR_LABEL = { scheduled: 'scheduled', ok: 'on cadence', due: 'due', overdue: 'overdue' } as const

function Change({ now, prev, locale }: { now: number | null; prev: number | null; locale: string }) {
  if (now === null) return <span className="muted">—</span>
  const delta = prev === null ? null : now - prev
  return (
    <span>
      {pct(now, 1, locale)}{' '}
      {delta !== null && Math.abs(delta) >= 0.05 ? (
        <span className={delta < 0 ? 'trend-down' : 'trend-up'} title={`Last quarter ${pct(prev, 1, locale)}`}>
          {delta < 0 ? '▼' : '▲'} {num(Math.abs(delta), 1, locale)}
        </span>
      ) : null}
    </span>
  )
}

export function PortfolioTable({
  rows,
  sortHref,
  selected,
  onToggle,
}: {
  rows: PortfolioRow[]
  sortHref: (column: PortfolioColumn) => { href: string; current: 'ascending' | 'descending' | undefined }
  selected: ReadonlySet<string>
  onToggle: (slug: string) => void
}) {
  const locale = useLocale()
  return (
    <div className="table-wrap">
      <table className="portfolio-table table-middle">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
            {HEADERS.map(([column, label]) => {
              const s = sortHref(column)
              return (
                <th key={column} scope="col" aria-sort={s.current ?? 'none'}>
                  <Link to={s.href}>
                    {label}
                    {s.current === 'ascending' ? ' ↑' : s.current === 'descending' ? ' ↓' : ''}
                  </Link>
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.slug}>
              <td>
                <input type="checkbox" name="slugs" value={r.slug} checked={selected.has(r.slug)} onChange={() => onToggle(r.slug)} aria-label={`Select ${r.client}`} />
              </td>
              <th scope="row" className="row-head">
                <Link to={`/p/${r.slug}`}>{r.client}</Link>
                {r.fiscalQuarter ? <div className="muted small">{r.fiscalQuarter}</div> : null}
              </th>
              <td>{r.owner?.name ?? <span className="muted">none</span>}</td>
              <td>
                <Change now={r.attainment.now.resolution} prev={r.attainment.prev.resolution} locale={locale} />
                <br />
                <Sparkline
                  points={r.sparkline.map((m) => m.resolution)}
                  label={`Resolution attainment by month: ${r.sparkline.map((m) => `${m.month} ${m.resolution === null ? 'none decided' : pct(m.resolution, 1, locale)}`).join(', ')}`}
                />
              </td>
              <td>
                <Change now={r.attainment.now.response} prev={r.attainment.prev.response} locale={locale} />
              </td>
              <td className={r.breaches ? 'figure-bad' : undefined}>{num(r.breaches, 0, locale)}</td>
              <td className={r.atRisk ? 'figure-warn' : undefined}>{num(r.atRisk, 0, locale)}</td>
              <td>{r.escalationRate === null ? '—' : pct(r.escalationRate, 1, locale)}</td>
              <td>{r.csat === null ? '—' : num(r.csat, 1, locale)}</td>
              <td>{r.keyPersonShare === null ? '—' : pct(100 * r.keyPersonShare, 0, locale)}</td>
              <td>{r.reopenRate === null ? '—' : pct(r.reopenRate, 1, locale)}</td>
              <td>{r.firstContactRate === null ? '—' : pct(r.firstContactRate, 1, locale)}</td>
              <td>{r.incidentsPer100Users === null ? '—' : num(r.incidentsPer100Users, 1, locale)}</td>
              <td>{r.proactiveShare === null ? '—' : pct(r.proactiveShare, 1, locale)}</td>
              <td>
                {formatDate(r.nextQbr.date, locale)}
                <br />
                <span className={`badge badge-qbr-${r.nextQbr.state}`}>{QBR_LABEL[r.nextQbr.state]}</span>
              </td>
              <td className={r.overdueActions ? 'figure-bad' : undefined}>{num(r.overdueActions, 0, locale)}</td>
              <td>
                MSP {num(r.awaiting.msp, 0, locale)} · client {num(r.awaiting.client, 0, locale)}
              </td>
              <td>{formatDate(r.lastPack, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
