import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useState } from 'react'
import { PORTFOLIO_COLUMNS, type PortfolioColumn } from '../../server/portfolio/portfolio.schemas.ts'
import { describeError, orRespond, requireApi } from '~/api.server'
import { readPortfolioParams } from '~/components/portfolio/portfolio-params'
import { PortfolioTable } from '~/components/portfolio/portfolio-table'
import { formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Portfolio · ${data.portfolio.msp.name} · Accord` : 'Portfolio · Accord' }]

/** The MSP whose portfolio is shown: ?msp=, else the caller's first MSP. A client-only user gets 403 with their overview's address. */
async function mspOf(caller: Awaited<ReturnType<typeof requireApi>>['caller'], wanted: string | null) {
  const me = await caller.me()
  const msps = me.memberships.filter((m) => m.org.kind === 'MSP').map((m) => m.org)
  const msp = wanted ? msps.find((m) => m.slug === wanted) : msps[0]
  if (!msp) {
    const client = me.memberships.find((m) => m.org.kind === 'CLIENT')
    if (wanted) throw json({ message: 'Organization not found' }, { status: 404 })
    throw json({ message: `The portfolio is for MSP staff.${client ? ` Your organization’s picture is at /org/${client.org.slug}/overview.` : ''}` }, { status: 403 })
  }
  return { msp, msps }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const params = readPortfolioParams(new URL(request.url).searchParams)
  const { msp, msps } = await mspOf(caller, params.msp)
  const portfolio = await orRespond(
    caller.portfolio.list({ org: msp.slug, quarter: params.quarter, owner: params.owner, sort: params.sort, dir: params.dir, filters: params.filters }),
  )
  return json({ portfolio, msps }, { headers })
}

export async function action({ request }: ActionFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const form = await request.formData()
  const org = String(form.get('org') ?? '')
  try {
    const { jobs } = await caller.portfolio.generatePacks({ org, quarter: String(form.get('quarter') ?? ''), slugs: form.getAll('slugs').map(String) })
    return redirect(`/portfolio/packs?msp=${encodeURIComponent(org)}&jobs=${jobs.map((j) => j.job.id).join(',')}`, { headers })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors }, { status: e.status, headers })
  }
}

const COLUMN_LABELS: Record<PortfolioColumn, string> = {
  client: 'Client', owner: 'Account manager', responseNow: 'Response % (this quarter)', responsePrev: 'Response % (last quarter)',
  resolutionNow: 'Resolution % (this quarter)', resolutionPrev: 'Resolution % (last quarter)', breaches: 'Breaches', atRisk: 'At risk',
  escalationRate: 'Escalation rate %', csat: 'CSAT', keyPersonShare: 'Key-person share (0–1)', reopenRate: 'Reopen rate %', firstContactRate: 'First-contact resolution %',
  incidentsPer100Users: 'Incidents per 100 users', proactiveShare: 'Proactive share %', nextQbr: 'Next QBR (YYYY-MM-DD)', qbrState: 'QBR state',
  overdueActions: 'Overdue actions', awaitingMsp: 'Awaiting MSP approval', awaitingClient: 'Awaiting client approval', lastPack: 'Last pack (YYYY-MM-DD)',
}

export default function Portfolio() {
  const { portfolio, msps } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [search] = useSearchParams()
  const locale = useLocale()
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const params = readPortfolioParams(search)
  const sortHref = (column: PortfolioColumn) => {
    const next = new URLSearchParams(search)
    const current = params.sort === column ? params.dir : undefined
    next.set('sort', column)
    next.set('dir', current === 'asc' ? 'desc' : 'asc')
    return { href: `?${next}`, current: current === 'asc' ? ('ascending' as const) : current === 'desc' ? ('descending' as const) : undefined }
  }
  const toggle = (slug: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(slug)) next.delete(slug)
      else next.add(slug)
      return next
    })
  const csv = new URLSearchParams(search)
  csv.set('msp', portfolio.msp.slug)
  const filter = params.filters[0]
  return (
    <div className="page page-wide">
      <h1>{portfolio.msp.name}: portfolio</h1>
      <p className="muted">
        Every client at a glance for {portfolio.quarter}, against {portfolio.previousQuarter}. SLA figures as of {formatDateTime(portfolio.asOf, locale)} (UTC
        quarters); the sparkline is resolution attainment over six months. {portfolio.rows.length} of {portfolio.total} partnerships shown.
      </p>
      <Form method="get" className="portfolio-filters" aria-label="Filter the portfolio">
        {msps.length > 1 ? (
          <label>
            MSP
            <select name="msp" defaultValue={portfolio.msp.slug}>
              {msps.map((m) => (
                <option key={m.slug} value={m.slug}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="msp" value={portfolio.msp.slug} />
        )}
        <label>
          Quarter
          <input name="quarter" defaultValue={portfolio.quarter} size={8} pattern="\d{4}-Q[1-4]" />
        </label>
        <label>
          Account manager
          <select name="owner" defaultValue={params.owner ?? ''}>
            <option value="">Everyone</option>
            <option value="none">No account manager</option>
            {portfolio.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Column
          <select name="fc" defaultValue={filter?.column ?? 'client'}>
            {PORTFOLIO_COLUMNS.map((c) => (
              <option key={c} value={c}>
                {COLUMN_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Is
          <select name="fo" defaultValue={filter?.op ?? 'contains'}>
            <option value="contains">contains</option>
            <option value="lt">below</option>
            <option value="gt">above</option>
            <option value="eq">equal to</option>
          </select>
        </label>
        <label>
          Value
          <input name="fv" defaultValue={filter?.value ?? ''} size={10} />
        </label>
        <input type="hidden" name="sort" value={params.sort} />
        <input type="hidden" name="dir" value={params.dir} />
        <button type="submit">Apply</button>
        <Link to={`?msp=${portfolio.msp.slug}`}>Clear</Link>
        <a href={`/portfolio.csv?${csv}`} download>
          Export CSV
        </a>
      </Form>
      <Form method="post">
        <input type="hidden" name="org" value={portfolio.msp.slug} />
        <input type="hidden" name="quarter" value={portfolio.quarter} />
        <PortfolioTable rows={portfolio.rows} sortHref={sortHref} selected={selected} onToggle={toggle} />
        <p className="portfolio-actions">
          <button type="submit" disabled={selected.size === 0}>
            Generate {portfolio.quarter} packs for {selected.size} selected
          </button>{' '}
          {actionData ? (
            <span role="alert" className="error">
              {actionData.message}
            </span>
          ) : null}
        </p>
      </Form>
    </div>
  )
}
