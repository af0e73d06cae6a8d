import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData, useParams } from '@remix-run/react'
import { KPI_METRICS, orRespond, requireApi } from '~/api.server'
import { EntityEditor } from '~/components/entity-editor'
import { fmtNum } from '~/charts/pack-format'
import { pct } from '~/utils/format'
import { entityAction } from '~/utils/entity-action.server'
import type { FieldDef } from '~/utils/versioned-form'
import { OriginNote } from '~/components/assessments/origin-note'

export const meta: MetaFunction = () => [{ title: 'CSI entry · Accord' }]

// The KPI metrics come from the loader: the list lives in server code, which the browser bundle does not carry
// (reading it in the component rendered the options on the server only, so hydration failed).
function fields(stages: readonly string[], kpiMetrics: Readonly<Record<string, string>>): FieldDef[] {
  return [
    { name: 'opportunity', label: 'Opportunity', type: 'text' },
    { name: 'status', label: 'Status', type: 'select', options: ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED'] },
    { name: 'stage', label: 'Improvement stage', type: 'select', options: stages },
    { name: 'size', label: 'Size', type: 'select', options: ['SMALL', 'MEDIUM', 'LARGE'] },
    { name: 'priority', label: 'Priority', type: 'select', options: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] },
    { name: 'owner', label: 'Owner', type: 'text', nullable: true },
    { name: 'kpiMetric', label: 'KPI (live metric)', type: 'select', options: Object.keys(kpiMetrics), optionLabels: kpiMetrics, nullable: true },
    { name: 'kpiBaseline', label: 'KPI baseline', type: 'number', nullable: true },
    { name: 'kpiTarget', label: 'KPI target', type: 'number', nullable: true },
    { name: 'kpiTargetDate', label: 'KPI target date', type: 'date', nullable: true },
    { name: 'startDate', label: 'Start', type: 'date', nullable: true },
    { name: 'dueDate', label: 'Due', type: 'date', nullable: true },
    { name: 'justification', label: 'Justification', type: 'textarea' },
  ]
}

const kpiLabels = () => Object.fromEntries(Object.entries(KPI_METRICS).map(([key, m]) => [key, m.label]))

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const [item, history, p, stages, origin] = await Promise.all([
    orRespond(caller.csi.get(ref)),
    orRespond(caller.csi.history(ref)),
    orRespond(caller.partnership.get({ slug: ref.slug })),
    orRespond(caller.csi.stages({ slug: ref.slug })),
    orRespond(caller.assessments.origin({ ...ref, kind: 'CSI' })),
  ])
  return json({ item, history, permissions: p.permissions, stages, kpiMetrics: kpiLabels(), origin }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const stages = await caller.csi.stages({ slug: ref.slug })
  return entityAction(await request.formData(), fields(stages, kpiLabels()), {
    update: (x) => caller.csi.update({ ...ref, ...x } as never),
    remove: (baseVersion) => caller.csi.delete({ ...ref, baseVersion }),
    restore: (baseVersion) => caller.csi.restore({ ...ref, baseVersion }),
  })
}

export default function CsiPage() {
  const { item, history, permissions, stages, kpiMetrics, origin } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { slug } = useParams()
  return (
    <EntityEditor
      back={{ to: `/p/${slug}/workspace`, label: 'Responsibilities and CSI' }}
      title={item.opportunity}
      entityType="CsiEntry"
      item={item}
      fields={fields(stages, kpiMetrics)}
      history={history}
      result={result as never}
      canEdit={permissions.includes('csi.edit')}
      canDelete={permissions.includes('workspace.delete')}
    >
      <OriginNote slug={slug ?? ''} origin={origin} />
      <section className="card">
        <h3>KPI</h3>
        {item.kpiMetric ? (
          <>
            <p>
              {kpiMetrics[item.kpiMetric] ?? item.kpiMetric}: baseline {item.kpiBaseline ?? '—'}, target {item.kpiTarget ?? '—'} by {item.kpiTargetDate ?? '—'}
              {item.progress === null ? '' : ` · ${pct(item.progress * 100, 0)} of the way this quarter`}
            </p>
            {/* The quarter, as the QBR pack reads it, beside the trailing 90 days: each figure names its period. */}
            <dl className="kpi-periods">
              <div>
                <dt>{item.kpiPeriod}</dt>
                <dd>
                  <strong>{item.kpiCurrent === null ? 'no data' : fmtNum(item.kpiCurrent, 1)}</strong>
                </dd>
              </div>
              <div>
                <dt>Trailing 90 days</dt>
                <dd>{item.kpiTrailing90 === null ? 'no data' : fmtNum(item.kpiTrailing90, 1)}</dd>
              </div>
            </dl>
          </>
        ) : (
          <p className="muted">No KPI linked.</p>
        )}
      </section>
    </EntityEditor>
  )
}
