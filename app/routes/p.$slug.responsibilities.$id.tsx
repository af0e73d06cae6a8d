import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData, useParams } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { EntityEditor } from '~/components/entity-editor'
import { entityAction } from '~/utils/entity-action.server'
import type { FieldDef } from '~/utils/versioned-form'

export const meta: MetaFunction = () => [{ title: 'Responsibility · Accord' }]

const FIELDS: FieldDef[] = [
  { name: 'name', label: 'Function', type: 'text' },
  { name: 'category', label: 'Category', type: 'text' },
  { name: 'classification', label: 'Classification', type: 'select', options: ['STRATEGIC', 'TACTICAL', 'SHARED'] },
  { name: 'mspRaci', label: 'MSP RACI', type: 'text', help: 'Letters R, A, C, I; exactly one party is A' },
  { name: 'clientRaci', label: 'Client RACI', type: 'text' },
  { name: 'mspOwner', label: 'MSP owner', type: 'text', nullable: true },
  { name: 'clientOwner', label: 'Client owner', type: 'text', nullable: true },
  { name: 'slaPriorities', label: 'SLA priorities that measure it', type: 'list', help: 'e.g. P1, P2' },
  { name: 'queues', label: 'Ticket queues that measure it', type: 'list' },
  { name: 'notes', label: 'Notes', type: 'textarea' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const [item, history, p] = await Promise.all([orRespond(caller.responsibility.get(ref)), orRespond(caller.responsibility.history(ref)), orRespond(caller.partnership.get({ slug: ref.slug }))])
  return json({ item, history, permissions: p.permissions }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  return entityAction(await request.formData(), FIELDS, {
    update: (x) => caller.responsibility.update({ ...ref, ...x }),
    remove: (baseVersion) => caller.responsibility.delete({ ...ref, baseVersion }),
    restore: (baseVersion) => caller.responsibility.restore({ ...ref, baseVersion }),
  })
}

export default function ResponsibilityPage() {
  const { item, history, permissions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { slug } = useParams()
  return (
    <EntityEditor
      back={{ to: `/p/${slug}/workspace`, label: 'Responsibilities and CSI' }}
      title={item.name}
      entityType="ResponsibilityFunction"
      item={item}
      fields={FIELDS}
      history={history}
      result={result as never}
      canEdit={permissions.includes('responsibility.edit')}
      canDelete={permissions.includes('workspace.delete')}
    />
  )
}
