import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { KPI_METRICS, describeError, orRespond, partnershipJson, requireApi, workspaceView } from '~/api.server'
import { fmtNum } from '~/charts/pack-format'
import { formatDate, pct } from '~/utils/format'
import type { PartnershipLoader } from './p.$slug'
import { useLocale } from '~/utils/locale'
import { describeFieldValue, fieldLabel } from '../../server/workspace/field-labels.ts'

export const meta: MetaFunction = () => [{ title: 'Responsibilities and CSI · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? ''
  const { sort, days } = workspaceView(new URL(request.url))
  // A client's matrix spans its MSPs and depends on who asks: one serialised copy per user and view.
  return partnershipJson(request, slug, 'routes/p.$slug.workspace', async (caller) => {
    const since = new Date(Date.now() - days * 86_400_000).toISOString()
    const [matrix, changes, csi] = await Promise.all([
      orRespond(caller.responsibility.matrix({ slug })),
      orRespond(caller.responsibility.changesSince({ slug, since })),
      orRespond(caller.csi.list({ slug, sort })),
    ])
    // KPI labels travel with the data: the list lives in server code, which the browser bundle does not carry.
    const kpiMetrics = Object.fromEntries(Object.entries(KPI_METRICS).map(([key, m]) => [key, m.label]))
    return { matrix, changes, csi, days, kpiMetrics }
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  try {
    switch (form.get('intent')) {
      case 'template': {
        const { added } = await caller.responsibility.applyTemplate({ slug })
        return json({ message: `Added ${added} functions from the starter template.`, ok: true })
      }
      case 'function': {
        const row = await caller.responsibility.create({
          slug,
          category: String(form.get('category') ?? ''),
          name: String(form.get('name') ?? ''),
          classification: String(form.get('classification') ?? '') as 'SHARED',
          mspRaci: String(form.get('mspRaci') ?? ''),
          clientRaci: String(form.get('clientRaci') ?? ''),
        })
        return redirect(`/p/${slug}/responsibilities/${row.id}`)
      }
      case 'csi': {
        const entry = await caller.csi.create({ slug, opportunity: String(form.get('opportunity') ?? ''), size: String(form.get('size') ?? '') as 'SMALL' })
        return redirect(`/p/${slug}/csi/${entry.id}`)
      }
    }
    return json({ message: 'Unknown action', ok: false }, { status: 400 })
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, ok: false }, { status: e.status })
  }
}

/** A collapsed one-row add form below a table. */
function AddDetails({ summary, intent, busy, children }: { summary: string; intent: string; busy: boolean; children: ReactNode }) {
  return (
    <details className="spaced">
      <summary>{summary}</summary>
      <Form method="post" className="card">
        <input type="hidden" name="intent" value={intent} />
        <div className="form-row">
          {children}
          <button type="submit" className="button button-primary" disabled={busy}>
            Add
          </button>
        </div>
      </Form>
    </details>
  )
}

const RACI_HELP = 'R responsible, A accountable, C consulted, I informed'

export default function Workspace() {
  const { matrix, changes, csi, days, kpiMetrics } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const [params] = useSearchParams()
  const parent = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  const p = parent!.partnership
  const can = (x: string) => p.permissions.includes(x)
  const locale = useLocale()
  const acrossMsps = p.myParty === 'CLIENT' && new Set(matrix.map((r) => r.partnershipSlug)).size > 1
  return (
    <>
      {result ? <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`}>{result.message}</p> : null}
      <div className="section-head">
        <h2>Responsibility split{acrossMsps ? ' across your providers' : ''}</h2>
        {can('responsibility.edit') ? (
          <Form method="post">
            <input type="hidden" name="intent" value="template" />
            <button className="button" type="submit" disabled={busy}>
              Apply the starter template
            </button>
          </Form>
        ) : null}
      </div>
      <p className="muted small">{RACI_HELP}. Strategic functions stay in-house, tactical ones are outsourced, shared ones are both.</p>
      {matrix.length === 0 ? (
        <p className="empty">No functions yet. The starter template adds the usual two dozen of the hybrid IT model.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Function</th>
                <th scope="col">Classification</th>
                {acrossMsps ? <th scope="col">Provider</th> : null}
                <th scope="col">MSP</th>
                <th scope="col">Client</th>
                <th scope="col">Owners</th>
                <th scope="col">Measured by</th>
              </tr>
            </thead>
            <tbody>
              {matrix.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.partnershipSlug === p.slug ? <Link to={`/p/${p.slug}/responsibilities/${r.id}`}>{r.name}</Link> : r.name}
                    <br />
                    <span className="muted small">{r.category}</span>
                  </td>
                  <td>
                    <span className={`badge class-${r.classification.toLowerCase()}`}>{r.classification.toLowerCase()}</span>
                  </td>
                  {acrossMsps ? <td>{r.mspName}</td> : null}
                  <td>
                    <code>{r.mspRaci || '—'}</code>
                  </td>
                  <td>
                    <code>{r.clientRaci || '—'}</code>
                  </td>
                  <td className="small">
                    {r.mspOwner ?? '—'} / {r.clientOwner ?? '—'}
                  </td>
                  <td className="small">{[...r.slaPriorities, ...r.queues].join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can('responsibility.edit') ? (
        <AddDetails summary="Add a function" intent="function" busy={busy}>
          <div className="field">
            <label htmlFor="fn-name">Function</label>
            <input id="fn-name" name="name" required />
          </div>
          <div className="field">
            <label htmlFor="fn-category">Category</label>
            <input id="fn-category" name="category" required />
          </div>
          <div className="field">
            <label htmlFor="fn-class">Classification</label>
            <select id="fn-class" name="classification">
              <option>STRATEGIC</option>
              <option>TACTICAL</option>
              <option>SHARED</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="fn-msp">MSP RACI</label>
            <input id="fn-msp" name="mspRaci" placeholder="R" />
          </div>
          <div className="field">
            <label htmlFor="fn-client">Client RACI</label>
            <input id="fn-client" name="clientRaci" placeholder="A" />
          </div>
        </AddDetails>
      ) : null}

      <h2 className="spaced">What changed in the last {days} days</h2>
      <p className="small">
        <Link to="?days=30">30 days</Link> · <Link to="?days=90">90 days (about a quarter)</Link> · <Link to="?days=365">a year</Link>
      </p>
      {changes.length === 0 ? (
        <p className="empty">No changes to the responsibility split in this period.</p>
      ) : (
        <ul className="timeline">
          {changes.slice(-60).map((c, i) => (
            <li key={`${c.id}-${c.version}-${c.field}-${i}`}>
              <span className="muted small">{formatDate(c.at, locale)}</span> <strong>{c.name}</strong> {c.kind === 'created' ? 'added' : c.kind}
              {c.kind === 'changed' ? (
                <>
                  : {fieldLabel('ResponsibilityFunction', c.field).toLowerCase()}{' '}
                  {c.before === null || c.before === undefined ? '' : `${describeFieldValue('ResponsibilityFunction', c.field, c.before, locale)} → `}
                  {describeFieldValue('ResponsibilityFunction', c.field, c.after, locale)}
                </>
              ) : null}{' '}
              <span className="muted small">by {c.by}</span>
            </li>
          ))}
        </ul>
      )}

      <div className="section-head spaced">
        <h2>Continuous service improvement</h2>
        <nav className="inline-links" aria-label="Sort the register">
          Sort by{' '}
          {(['priority', 'size', 'due'] as const).map((s) => (
            <Link key={s} to={`?sort=${s}`} aria-current={(params.get('sort') ?? 'priority') === s ? 'true' : undefined}>
              {s}
            </Link>
          ))}
        </nav>
      </div>
      {csi.length === 0 ? (
        <p className="empty">No improvement opportunities recorded yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Opportunity</th>
                <th scope="col">Priority</th>
                <th scope="col">Size</th>
                <th scope="col">Stage</th>
                <th scope="col">KPI → target</th>
                <th scope="col">Progress</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {csi.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/p/${p.slug}/csi/${e.id}`}>{e.opportunity}</Link>
                    <br />
                    <span className="muted small">{e.owner ?? 'no owner'} · {e.status.toLowerCase().replace('_', ' ')}</span>
                  </td>
                  <td>{e.priority.toLowerCase()}</td>
                  <td>{e.size.toLowerCase()}</td>
                  <td className="small">{e.stage.replaceAll('_', ' ').toLowerCase()}</td>
                  <td className="small">
                    {e.kpiMetric ? (
                      <>
                        {kpiMetrics[e.kpiMetric] ?? e.kpiMetric}
                        <br />
                        {/* The quarter's figure, as the QBR pack shows it, with the trailing 90 days beside it. */}
                        {e.kpiPeriod}: {e.kpiCurrent === null ? 'no data' : fmtNum(e.kpiCurrent, 1)} → {e.kpiTarget ?? '—'}
                        <br />
                        <span className="muted">trailing 90 days: {e.kpiTrailing90 === null ? 'no data' : fmtNum(e.kpiTrailing90, 1)}</span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {e.progress === null ? '—' : <meter className="meter" min={0} max={1} value={e.progress} aria-label={`${pct(e.progress * 100, 0)} of the way`} />}
                  </td>
                  <td>{formatDate(e.dueDate, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can('csi.edit') ? (
        <AddDetails summary="Add an opportunity" intent="csi" busy={busy}>
          <div className="field">
            <label htmlFor="csi-opp">Opportunity</label>
            <input id="csi-opp" name="opportunity" required />
          </div>
          <div className="field">
            <label htmlFor="csi-size">Size</label>
            <select id="csi-size" name="size">
              <option>SMALL</option>
              <option>MEDIUM</option>
              <option>LARGE</option>
            </select>
          </div>
        </AddDetails>
      ) : null}
    </>
  )
}
