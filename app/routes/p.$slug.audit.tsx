import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { AuditTable } from '~/components/audit-table'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined
  const page = await orRespond(caller.partnership.audit({ slug: params.slug ?? '', limit: 50, cursor }))
  return json(page, { headers })
}

export default function PartnershipAudit() {
  const { events, nextCursor } = useLoaderData<typeof loader>()
  return (
    <>
      <h2>Audit log</h2>
      <p className="muted">Every change in this partnership, visible to both parties.</p>
      <AuditTable events={events} nextCursor={nextCursor} />
    </>
  )
}
