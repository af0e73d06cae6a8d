import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { useRevalidateWhile } from '~/utils/use-revalidate-while'

export const meta: MetaFunction = () => [{ title: 'Pack generation · Portfolio · Accord' }]

// The progress of the packs queued from the portfolio: the job ids are in the URL, so a reload keeps following them.
export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const url = new URL(request.url)
  const org = url.searchParams.get('msp') ?? ''
  const ids = (url.searchParams.get('jobs') ?? '').split(',').filter(Boolean)
  // Nothing to follow (a bookmark, the query cut off): the portfolio, where packs are queued, not an error page.
  if (!org || ids.length === 0) throw redirect(org ? `/portfolio?msp=${encodeURIComponent(org)}` : '/portfolio', { headers })
  const jobs = await orRespond(caller.portfolio.packJobs({ org, ids }))
  return json({ org, jobs }, { headers })
}

const STATUS = { queued: 'Queued', running: 'Running', succeeded: 'Ready', failed: 'Failed' } as const

export default function PortfolioPacks() {
  const { org, jobs } = useLoaderData<typeof loader>()
  const done = jobs.filter((j) => j.job.status === 'succeeded' || j.job.status === 'failed').length
  useRevalidateWhile(done < jobs.length)
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/portfolio?msp=${org}`}>← Portfolio</Link>
      </p>
      <h1>Generating packs</h1>
      <p>
        <progress max={jobs.length} value={done} aria-label="Packs finished" /> {done} of {jobs.length} finished
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Client</th>
              <th scope="col">Quarter</th>
              <th scope="col">Status</th>
              <th scope="col">Pack</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map(({ slug, client, job }) => (
              <tr key={job.id}>
                <th scope="row" className="row-head">{client}</th>
                <td>{job.quarter}</td>
                <td>
                  {STATUS[job.status]}
                  {job.status === 'running' && job.progress ? ` (${job.progress.stage} ${job.progress.done}/${job.progress.total})` : ''}
                  {job.error ? `: ${job.error}` : ''}
                </td>
                <td>{job.version ? <a href={`/p/${slug}/packs/${job.version.quarter}/v${job.version.version}.pdf`}>v{job.version.version}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
