import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { OverviewBudget, OverviewRaci, OverviewRoadmap, OverviewSlas } from '~/components/portfolio/client-overview-sections'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  // 404 to anyone outside the client organization (its MSPs included), 403 for an MSP organization's slug.
  const overview = await orRespond(caller.portfolio.clientOverview({ org: params.org ?? '' }))
  return json(overview, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Overview · ${data.org.name} · Accord` : 'Accord' }]

export default function ClientOverviewPage() {
  const data = useLoaderData<typeof loader>()
  const msps = data.msps.map((m) => m.name)
  return (
    <div className="page page-wide">
      <h1>{data.org.name}: the whole picture</h1>
      <p className="muted">
        Across your {msps.length} MSP{msps.length === 1 ? '' : 's'}:{' '}
        {data.msps.map((m, i) => (
          <span key={m.slug}>
            {i ? ', ' : ''}
            <Link to={`/p/${m.slug}`}>{m.name}</Link>
          </span>
        ))}
        .
      </p>
      <section aria-labelledby="ov-roadmap">
        <h2 id="ov-roadmap">Roadmap</h2>
        <OverviewRoadmap items={data.roadmap} />
      </section>
      <section aria-labelledby="ov-budget">
        <h2 id="ov-budget">Budget, this quarter and the next three</h2>
        <OverviewBudget budget={data.budget} />
      </section>
      <section aria-labelledby="ov-raci">
        <h2 id="ov-raci">Who is accountable</h2>
        <p className="muted small">Each cell is the MSP’s letters / yours in that partnership; exactly one party should hold A.</p>
        <OverviewRaci raci={data.raci} msps={msps} />
      </section>
      <section aria-labelledby="ov-sla">
        <h2 id="ov-sla">SLA targets side by side</h2>
        <p className="muted small">Fewer minutes is better; the clock (business hours or 24×7) is beside each figure.</p>
        <OverviewSlas slas={data.slas} />
      </section>
    </div>
  )
}
