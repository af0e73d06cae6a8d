import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useParams } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { AuditTable } from '~/components/audit-table'

export const meta: MetaFunction = () => [{ title: 'Organization activity · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined
  return json(await orRespond(caller.org.audit({ org: params.org ?? '', limit: 50, cursor })), { headers })
}

export default function OrgAudit() {
  const { events, nextCursor } = useLoaderData<typeof loader>()
  const { org } = useParams()
  return (
    <div className="page">
      <p>
        <Link to={`/org/${org}/members`}>← Members</Link>
      </p>
      <h1>Organization activity</h1>
      <p className="muted">Members, invitations and roles in your organization. Partnership changes are on each partnership's audit page.</p>
      <AuditTable events={events} nextCursor={nextCursor} />
    </div>
  )
}
