import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { AuditTable } from '~/components/audit-table'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const org = params.org ?? ''
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined
  // org.audit answers 404 to a non-member and 403 to a role without audit.read; me() then names the organization.
  const [page, me] = await Promise.all([orRespond(caller.org.audit({ org, limit: 50, cursor })), caller.me()])
  const membership = me.memberships.find((m) => m.org.slug === org)
  if (!membership) throw json({ message: 'Organization not found' }, { status: 404 })
  return json({ ...page, org: membership.org }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Activity · ${data.org.name} · Accord` : 'Accord' }]

export default function OrgAudit() {
  const { events, nextCursor, org } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${org.slug}/members`}>← {org.name}: members</Link>
      </p>
      <h1>{org.name}: activity</h1>
      <p className="muted">
        Members, invitations and roles in your organization, newest first. Changes inside a partnership are on that partnership's
        Audit page. Times are in your time zone.
      </p>
      <AuditTable events={events} nextCursor={nextCursor} />
    </div>
  )
}
