import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { describeError, requireApi } from '~/api.server'
import { fitPercentRange } from '~/charts/geometry'
import { ATTAINMENT_GOAL } from '~/charts/pack-format'
import { AtRiskTable } from '~/components/at-risk-table'
import { ComputedVsAgreed, DisputesList } from '~/components/disputes/disputes-panel'
import { LineChart } from '~/components/pack-charts'
import { type SlaClock, breachedDuration, duration, inZone, num, pct, quarterOf, shiftQuarter } from '~/utils/format'
import type { PartnershipLoader } from './p.$slug'
import { useLocale } from '~/utils/locale'
import { TicketCell } from '~/components/ticket-cell'
import { ServiceKpisPanel } from '~/components/sla/service-kpis-panel'
// Items per page of the report's lists: sla.report's first page and sla.reportList's default (ADR 030).
import { REPORT_PAGE } from '../../server/sla/report-lists.ts'
import { isQuarter } from '../../server/validation/bounds.ts'


export const meta: MetaFunction = () => [{ title: 'SLAs · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const url = new URL(request.url)
  const quarter = isQuarter(url.searchParams.get('quarter') ?? '') ? url.searchParams.get('quarter')! : quarterOf()
  // A further page of a list (ADR 030): its cursor, where it starts, and the report's as-of, so the pages hold still.
  const asOfParam = url.searchParams.get('asOf') ?? undefined
  // `?breaches=<cursor>` is the page after the cursor, `?breachesBefore=<cursor>` the page before it.
  const pageParams = (list: 'breaches' | 'disagreements' | 'pending') => {
    const after = url.searchParams.get(list)
    const before = url.searchParams.get(`${list}Before`)
    const from = Number(url.searchParams.get(`${list}From`) ?? '1')
    const at = after ? { cursor: after } : before ? { before } : null
    return at ? { ...at, from: Number.isInteger(from) && from > 1 ? from : 1 } : null
  }
  try {
    const [full, stats, atRisk, kpis] = await Promise.all([
      caller.sla.report({ slug, quarter, asOf: asOfParam, tickets: false }),
      caller.sla.ticketStats({ slug, quarter, asOf: asOfParam }),
      caller.sla.atRisk({ slug, limit: 25 }),
      caller.sla.kpis({ slug, quarter }),
    ])
    const r = { ...full, stats, kpis }
    // Each priority's clock and targets, so that elapsed times read in the clock's own unit (business hours).
    const stored = await caller.sla.policy({ slug, version: full.policy.version })
    const targets = stored ? stored.policy.targets : null
    const list = async <L extends 'breaches' | 'disagreements' | 'pending'>(name: L) => {
      const at = pageParams(name)
      if (!at) return { items: r[name], next: r.next[name], prev: null, from: 1, total: r.counts[name] }
      const { from, ...cursor } = at
      const page = await caller.sla.reportList({ slug, quarter, asOf: r.asOf, list: name, ...cursor })
      // A page before that reaches the list's start is its first page, whatever the link said.
      return { items: page.items as (typeof r)[L], next: page.next, prev: page.prev, from: page.prev === null ? 1 : from, total: r.counts[name] }
    }
    const [breaches, disagreements, pending] = await Promise.all([list('breaches'), list('disagreements'), list('pending')])
    // ?differ=1 lists the tickets whose PSA verdict differs from Accord's (the count alone could not be checked).
    const differing = url.searchParams.get('differ') === '1' || pageParams('disagreements') ? disagreements : null
    return json(
      { quarter, targets, report: { ...r, tickets: [] as typeof r.tickets, breaches, pending, disagreementCount: r.counts.disagreements, atRisk, differing }, error: null },
      { headers },
    )
  } catch (error) {
    const e = describeError(error)
    if (e.status !== 400) throw json({ message: e.message }, { status: e.status })
    // No policy yet is the partnership's state, not a bad request; a bad page link or as-of is (400, naming the field).
    const noPolicy = e.fieldErrors.some((f) => f.field === 'policy')
    return json({ quarter, targets: null, report: null, error: { message: e.message, noPolicy, pageLink: e.fieldErrors.some((f) => f.field === 'cursor' || f.field === 'before') } }, { headers, status: noPolicy ? 200 : 400 })
  }
}

export default function SlaDashboard() {
  const locale = useLocale()
  const { quarter, targets, report: r, error } = useLoaderData<typeof loader>()
  const parent = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  const slug = parent?.partnership.slug ?? ''
  const canManage = parent?.partnership.permissions.includes('sla.manage')
  const canImport = parent?.partnership.permissions.includes('ticket.write')
  const nav = (
    <div className="section-head">
      <h2>Service levels, {quarter}</h2>
      <nav className="inline-links" aria-label="Quarter">
        <Link to={`?quarter=${shiftQuarter(quarter, -1)}`}>← {shiftQuarter(quarter, -1)}</Link>
        <Link to={`?quarter=${shiftQuarter(quarter, 1)}`}>{shiftQuarter(quarter, 1)} →</Link>
        <Link to={`/p/${slug}/sla/policy`}>Policy</Link>
        <Link to={`/p/${slug}/sla/priorities`}>Priority mapping</Link>
        {canImport ? <Link to={`/p/${slug}/sla/import`}>Import tickets</Link> : null}
      </nav>
    </div>
  )
  if (!r) {
    return (
      <>
        {nav}
        {error?.noPolicy ? (
          <p className="empty">
            {error.message} {canManage ? <Link to={`/p/${slug}/sla/policy`}>Set the SLA policy</Link> : 'Ask the MSP to set one.'}
          </p>
        ) : (
          <p className="empty" role="alert">
            {error?.pageLink ? 'This link to a page of the list is not valid. ' : null}
            {error?.message} <Link to={`?quarter=${quarter}`}>Show {quarter} from its first page</Link>
          </p>
        )}
      </>
    )
  }
  const zone = r.period.timezone
  const months = r.months
  return (
    <>
      {nav}
      <p className="muted">
        Computed by Accord from ticket timestamps under policy v{r.policy.version} “{r.policy.name}” ({zone}), as of {inZone(r.asOf, zone, locale)}.
      </p>
      {r.verdicts.reevaluating ? (
        <p className="muted" role="status">
          Policy v{r.verdicts.currentVersion} was saved; its tickets are being re-evaluated
          {r.verdicts.progress && r.verdicts.progress.total > 0 ? ` (${Math.floor((100 * r.verdicts.progress.done) / r.verdicts.progress.total)}% done)` : ''}. Until then these figures are those of policy v{r.verdicts.version}.
        </p>
      ) : null}
      <div className="tiles">
        {(['response', 'resolution'] as const).map((m) => (
          <div className="tile" key={m}>
            <span className="eyebrow">{m} attainment</span>
            <strong className="tile-value">{pct(r.totals[m].overall.attainment)}</strong>
            <span className="muted">
              {r.totals[m].overall.met} met · {r.totals[m].overall.breached} breached · {r.totals[m].overall.pending} pending
              {m === 'resolution' && r.completionUnknown > 0 ? ` (${r.completionUnknown} completion unknown)` : ''}
            </span>
          </div>
        ))}
        <div className="tile">
          <span className="eyebrow">Tickets opened</span>
          <strong className="tile-value">{r.stats.total}</strong>
          <span className="muted">escalation rate {pct(r.stats.escalationRate)}</span>
        </div>
        <div className="tile">
          <span className="eyebrow">CSAT</span>
          <strong className="tile-value">{r.stats.csatAverage === null ? '—' : r.stats.csatAverage.toFixed(2)}</strong>
          <span className="muted">{r.stats.csatResponses} answers</span>
        </div>
      </div>

      <div className="grid-2">
        <section className="card">
          <h3>Attainment per month</h3>
          {/* Lines on an axis fitted around the goal, as in the pack: on 0–100 % bars all reached the top. */}
          <LineChart
            title={`Response and resolution attainment per month, ${quarter}`}
            width={460}
            height={220}
            {...fitPercentRange(
              months.flatMap((k) => [r.totals.response.byMonth[k]?.attainment, r.totals.resolution.byMonth[k]?.attainment]),
              ATTAINMENT_GOAL.value,
            )}
            target={ATTAINMENT_GOAL}
            format={(v) => `${v}%`}
            categories={months}
            series={[
              { name: 'Response', color: '#1f5fbf', values: months.map((k) => r.totals.response.byMonth[k]?.attainment ?? null) },
              { name: 'Resolution', color: '#0e7c66', values: months.map((k) => r.totals.resolution.byMonth[k]?.attainment ?? null) },
            ]}
          />
        </section>
        <section className="card">
          <h3>By priority</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Response</th>
                  <th scope="col">Resolution</th>
                </tr>
              </thead>
              <tbody>
                {(['P1', 'P2', 'P3', 'P4'] as const).map((p) => (
                  <tr key={p}>
                    <th scope="row">{p}</th>
                    {(['response', 'resolution'] as const).map((m) => (
                      <td key={m}>
                        {pct(r.totals[m].byPriority[p].attainment)}{' '}
                        <span className="muted">
                          ({r.totals[m].byPriority[p].met}/{r.totals[m].byPriority[p].met + r.totals[m].byPriority[p].breached})
                        </span>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.metricSlas.length ? (
            <>
              <h3 className="spaced">Service metrics</h3>
              <ul className="plain">
                {r.metricSlas.map((m) => (
                  <li key={m.metric}>
                    {m.metric} {m.op} {m.target}{m.unit === '%' ? '%' : ` ${m.unit}`} per {m.period}:{' '}
                    {m.results.map((x) => (
                      <span key={x.period} className={`badge ${x.met === false ? 'badge-ended' : 'badge-active'}`} title={`${x.samples} samples`}>
                        {x.period} {x.value === null ? '—' : m.unit === '%' ? `${x.value}%` : `${x.value} ${m.unit}`}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <ServiceKpisPanel kpis={r.kpis} />

      <h3 className="spaced">At risk now: {Math.round(r.atRisk.atRiskShare * 100)}% of a target used, soonest due first ({r.atRisk.total})</h3>
      <AtRiskTable slug={slug} zone={zone} share={r.atRisk.atRiskShare} clocks={r.atRisk.clocks} total={r.atRisk.total} />

      <div className="spaced">
        <ComputedVsAgreed totals={r.totals} agreed={r.agreedTotals} />
      </div>
      <DisputesList slug={slug} zone={zone} disputes={r.disputes} />

      <h3 className="spaced" id="pending">Pending, soonest due first ({r.pending.total})</h3>
      <TicketTable slug={slug} quarter={quarter} zone={zone} targets={targets} tickets={r.pending.items} empty="Nothing pending for this quarter." />
      <Pager list="pending" page={r.pending} quarter={quarter} asOf={r.asOf} />
      <h3 className="spaced" id="breaches">Breaches ({r.breaches.total})</h3>
      <TicketTable slug={slug} quarter={quarter} zone={zone} targets={targets} tickets={r.breaches.items} empty="No breaches this quarter." />
      <Pager list="breaches" page={r.breaches} quarter={quarter} asOf={r.asOf} />
      {r.disagreementCount ? (
        <p className="muted">
          The PSA’s own verdict differs from Accord’s on{' '}
          <Link to={`?quarter=${quarter}&differ=1#psa-differences`}>
            {r.disagreementCount} verdict{r.disagreementCount === 1 ? '' : 's'}
          </Link>
          ; open a ticket to see both.
        </p>
      ) : null}
      {r.differing ? (
        <section aria-labelledby="psa-differences" className="spaced">
          <h3 id="psa-differences">Where the PSA’s verdict differs ({r.differing.total})</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Measure</th>
                  <th scope="col">Accord</th>
                  <th scope="col">PSA</th>
                </tr>
              </thead>
              <tbody>
                {r.differing.items.map((d) => (
                  <tr key={`${d.externalId}-${d.metric}`}>
                    <td>
                      <TicketCell slug={slug} ticket={d} quarter={quarter} />
                    </td>
                    <td>{d.metric === 'response' ? 'Response' : 'Resolution'}</td>
                    <td>{d.ours}</td>
                    <td>{d.vendor}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager list="disagreements" page={r.differing} quarter={quarter} asOf={r.asOf} anchor="psa-differences" />
        </section>
      ) : null}
    </>
  )
}

/** Where a page of a list stands (n–m of the total), with links to the first page, the one before and the next (ADR 030). */
function Pager({ list, page, quarter, asOf, anchor }: { list: string; page: { items: unknown[]; next: string | null; prev: string | null; from: number; total: number }; quarter: string; asOf: string; anchor?: string }) {
  const locale = useLocale()
  if (page.from === 1 && !page.next) return null
  const to = page.from + page.items.length - 1
  const base = `?quarter=${quarter}&asOf=${encodeURIComponent(asOf)}${list === 'disagreements' ? '&differ=1' : ''}`
  const hash = `#${anchor ?? list}`
  // The page before starts REPORT_PAGE earlier; at or before the start it is the first page (the report's own).
  const prevFrom = page.from - REPORT_PAGE
  const previous = page.prev && prevFrom > 1 ? `${base}&${list}Before=${encodeURIComponent(page.prev)}&${list}From=${prevFrom}${hash}` : `${base}${hash}`
  return (
    <nav className="inline-links pager" aria-label={`Pages of ${list}`}>
      <span className="muted">
        {num(page.from, 0, locale)}–{num(to, 0, locale)} of {num(page.total, 0, locale)}
      </span>
      {/* The links as one group at the row's end, in reading order, whichever of them a page has. */}
      <span className="inline-links">
        {page.from > 1 ? <Link to={`${base}${hash}`}>First page</Link> : null}
        {page.from > 1 ? <Link to={previous}>← Previous {num(Math.min(REPORT_PAGE, page.from - 1), 0, locale)}</Link> : null}
        {page.next ? <Link to={`${base}&${list}=${encodeURIComponent(page.next)}&${list}From=${to + 1}${hash}`}>Next {num(Math.min(REPORT_PAGE, page.total - to), 0, locale)} →</Link> : null}
      </span>
    </nav>
  )
}

interface Row {
  externalId: string
  title: string
  priority: string
  assignee: string | null
  response: { verdict: string; dueAt: string | null; elapsedMinutes: number }
  resolution: { verdict: string; dueAt: string | null; elapsedMinutes: number }
}

type Targets = Record<string, { responseMinutes: number; resolutionMinutes: number; clock: SlaClock }> | null

function TicketTable({ slug, quarter, zone, targets, tickets, empty }: { slug: string; quarter: string; zone: string; targets: Targets; tickets: Row[]; empty: string }) {
  const locale = useLocale()
  // Elapsed time on the priority's clock; a breach rounded up, so it never reads as its target.
  const elapsed = (priority: string, clockIndex: number, m: { verdict: string; elapsedMinutes: number }) => {
    const target = targets?.[priority]
    const clock = target?.clock ?? '24x7'
    const limit = clockIndex === 0 ? target?.responseMinutes : target?.resolutionMinutes
    return m.verdict === 'breached' && limit !== undefined && m.elapsedMinutes > limit ? breachedDuration(m.elapsedMinutes, clock) : duration(m.elapsedMinutes, clock)
  }
  if (tickets.length === 0) return <p className="empty">{empty}</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Priority</th>
            <th scope="col">Response</th>
            <th scope="col">Resolution</th>
            <th scope="col">Assignee</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((t) => (
            <tr key={t.externalId}>
              <td>
                <TicketCell slug={slug} ticket={t} quarter={quarter} />
              </td>
              <td>{t.priority}</td>
              {[t.response, t.resolution].map((m, i) => (
                <td key={i}>
                  {'completionUnknown' in m && m.completionUnknown ? (
                    // Closed with no resolution time: pending for good, not open (ADR 011).
                    <span className="badge verdict-unknown" title="Closed with no resolution time from the PSA: never decided, never a breach">
                      completion unknown
                    </span>
                  ) : (
                    <>
                      <span className={`badge verdict-${m.verdict}`}>{m.verdict}</span> {elapsed(t.priority, i, m)}
                      <br />
                      <span className="muted">due {inZone(m.dueAt, zone, locale)}</span>
                    </>
                  )}
                </td>
              ))}
              <td>{t.assignee ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
