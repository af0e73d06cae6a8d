import type { LoaderFunctionArgs } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData, useParams } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { AuditTable, type AuditEventView } from '~/components/audit-table'
import { partnershipMeta } from '~/components/partnership'

export const meta = partnershipMeta('Audit')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined
  const page = await orRespond(caller.partnership.audit({ slug: params.slug ?? '', limit: 50, cursor }))
  return json(page, { headers })
}

// Entities with a page of their own in the workspace; a comment links to what it is about ("on": "Type:id").
const ENTITY_PAGES: Record<string, string> = { RoadmapItem: 'roadmap', ResponsibilityFunction: 'responsibilities', CsiEntry: 'csi' }

function entityPath(e: AuditEventView): string | null {
  if (e.entityType === 'Comment') {
    const on = e.changes.on?.after
    const [type, id] = typeof on === 'string' ? on.split(':') : []
    return type && id && ENTITY_PAGES[type] ? `${ENTITY_PAGES[type]}/${id}` : null
  }
  return ENTITY_PAGES[e.entityType] ? `${ENTITY_PAGES[e.entityType]}/${e.entityId}` : null
}

export default function PartnershipAudit() {
  const { events, nextCursor } = useLoaderData<typeof loader>()
  const { slug } = useParams()
  const entityHref = (e: AuditEventView) => {
    const path = entityPath(e)
    return path ? `/p/${slug}/${path}` : null
  }
  return (
    <>
      <h2>Audit log</h2>
      <p className="muted">Every change in this partnership, newest first, visible to both parties. Times are in your time zone.</p>
      <AuditTable events={events} nextCursor={nextCursor} entityHref={entityHref} />
    </>
  )
}
