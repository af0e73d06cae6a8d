import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { describeError, requireApi } from '~/api.server'
import { pct, quarterOf, shiftQuarter } from '~/utils/format'
import { isQuarter } from '../../server/validation/bounds.ts'

export const meta: MetaFunction = () => [{ title: 'SLAs side by side · Accord' }]

/** Every partnership the user is part of, one column each: a client with several MSPs compares them here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const q = new URL(request.url).searchParams.get('quarter') ?? ''
  const quarter = isQuarter(q) ? q : quarterOf()
  const partnerships = await caller.partnership.list()
  const columns = await Promise.all(
    partnerships.map(async (p) => {
      try {
        const [r, stats] = await Promise.all([caller.sla.report({ slug: p.slug, quarter, tickets: false }), caller.sla.ticketStats({ slug: p.slug, quarter })])
        return { p, r: { totals: r.totals, stats, breaches: r.counts.breaches, policy: r.policy }, error: null }
      } catch (error) {
        return { p, r: null, error: describeError(error).message }
      }
    }),
  )
  return json({ quarter, columns }, { headers })
}

export default function SlaSideBySide() {
  const { quarter, columns } = useLoaderData<typeof loader>()
  const rows: Array<[string, (c: (typeof columns)[number]) => string]> = [
    ['Response attainment', (c) => pct(c.r?.totals.response.overall.attainment)],
    ['Resolution attainment', (c) => pct(c.r?.totals.resolution.overall.attainment)],
    ...(['P1', 'P2', 'P3', 'P4'] as const).map(
      (p) => [`${p} resolution`, (c: (typeof columns)[number]) => pct(c.r?.totals.resolution.byPriority[p].attainment)] as [string, (c: (typeof columns)[number]) => string],
    ),
    ['Breached tickets', (c) => (c.r ? String(c.r.breaches) : '—')],
    ['Pending', (c) => (c.r ? String(c.r.totals.resolution.overall.pending) : '—')],
    ['Tickets opened', (c) => (c.r ? String(c.r.stats.total) : '—')],
    ['Escalation rate', (c) => pct(c.r?.stats.escalationRate)],
    ['CSAT', (c) => (c.r?.stats.csatAverage ? c.r.stats.csatAverage.toFixed(2) : '—')],
  ]
  return (
    <div className="page">
      <div className="section-head">
        <h1>SLAs side by side, {quarter}</h1>
        <nav className="inline-links" aria-label="Quarter">
          <Link to={`?quarter=${shiftQuarter(quarter, -1)}`}>← {shiftQuarter(quarter, -1)}</Link>
          <Link to={`?quarter=${shiftQuarter(quarter, 1)}`}>{shiftQuarter(quarter, 1)} →</Link>
        </nav>
      </div>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {columns.map((c) => (
                <th scope="col" key={c.p.slug}>
                  <Link to={`/p/${c.p.slug}/sla?quarter=${quarter}`}>{c.p.myParty === 'CLIENT' ? c.p.msp.name : c.p.client.name}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, cell]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {columns.map((c) => (
                  <td key={c.p.slug}>{cell(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {columns.some((c) => c.error) ? <p className="muted">{columns.filter((c) => c.error).map((c) => `${c.p.slug}: ${c.error}`).join(' · ')}</p> : null}
    </div>
  )
}
