import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, partnershipJson, requireApi } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { money as formatMoney, quarterOf } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import type { PartnershipLoader } from './p.$slug'
import { enumLabel, quarterLabel } from '~/utils/labels'

export const meta: MetaFunction = () => [{ title: 'Roadmap · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The board is the same for every reader of the partnership: served from one serialised copy per write.
  return partnershipJson(request, params.slug ?? '', 'routes/p.$slug.roadmap._index', async (caller) => {
    const slug = params.slug ?? ''
    const [all, budget] = await Promise.all([orRespond(caller.roadmap.list({ slug })), orRespond(caller.roadmap.budget({ slug }))])
    // The board shows cards: what a card displays, nothing more (the rest is on the item page).
    const items = all.map((i) => ({
      id: i.id,
      title: i.title,
      category: i.category,
      priority: i.priority,
      status: i.status,
      targetQuarter: i.targetQuarter,
      oneTime: i.oneTime,
      recurring: i.recurring,
      recurringPeriod: i.recurringPeriod,
      currency: i.currency,
      mspApproved: i.mspApproval !== null,
      clientApproved: i.clientApproval !== null,
    }))
    return { items, budget }
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  try {
    const item = await caller.roadmap.create({
      slug,
      title: String(form.get('title') ?? ''),
      targetQuarter: String(form.get('targetQuarter') ?? '') || null,
      category: String(form.get('category') ?? ''),
      status: 'IDEA',
    })
    return redirect(`/p/${slug}/roadmap/${item.id}`)
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors as FieldErrorLike[] }, { status: e.status })
  }
}


export default function Roadmap() {
  const { items, budget } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const parent = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  const slug = parent?.partnership.slug ?? ''
  // Amounts as the pack prints them (currency code, then the figure), in the reader's locale.
  const locale = useLocale()
  const money = (n: number, currency: string) => formatMoney(n, currency, locale)
  const canEdit = parent?.partnership.permissions.includes('roadmap.edit')
  // Columns and budget rows keep calendar keys; a fiscal year names them as the client reads them (ADR 027).
  const fiscal = parent?.partnership.fiscalYearStartMonth ?? 1
  const label = (q: string) => quarterLabel(q, fiscal, locale)
  const quarters = [...budget.horizon, ...new Set(items.map((i) => i.targetQuarter).filter((q): q is string => !!q && !budget.horizon.includes(q)))].sort()
  const columns: Array<[string, typeof items]> = [
    ...quarters.map((q) => [label(q), items.filter((i) => i.targetQuarter === q)] as [string, typeof items]),
    ['Unscheduled', items.filter((i) => !i.targetQuarter)],
  ]
  return (
    <>
      <div className="section-head">
        <h2>Joint roadmap</h2>
        <Link to={`/p/${slug}/workspace`}>Responsibilities and CSI →</Link>
      </div>
      <div className="board">
        {columns.map(([label, list]) => (
          <section className="board-column" key={label} aria-label={label}>
            <h3>
              {label} <span className="muted">({list.length})</span>
            </h3>
            {list.map((i) => (
              <Link key={i.id} to={`/p/${slug}/roadmap/${i.id}`} className="board-card">
                <strong>{i.title}</strong>
                <div className="muted small">
                  {i.category || 'General'} · {enumLabel(i.priority)} priority · {money(i.oneTime, i.currency)} + {money(i.recurring, i.currency)}/{i.recurringPeriod === 'MONTH' ? 'mo' : 'yr'}
                </div>
                <div className="approvals">
                  <span className={`badge status-${i.status.toLowerCase()}`}>{enumLabel(i.status)}</span>
                  <span className={`badge ${i.mspApproved ? 'badge-active' : ''}`}>MSP {i.mspApproved ? '✓' : '…'}</span>
                  <span className={`badge ${i.clientApproved ? 'badge-active' : ''}`}>Client {i.clientApproved ? '✓' : '…'}</span>
                </div>
              </Link>
            ))}
          </section>
        ))}
      </div>

      <h2 className="spaced">Budget roll-up</h2>
      {budget.rollups.length === 0 ? (
        <p className="empty">No budgeted items in {label(budget.from)} – {label(budget.to)}.</p>
      ) : (
        budget.rollups.map((r) => (
          <div className="table-wrap" key={r.currency}>
            <table>
              <caption className="visually-hidden">Budget in {r.currency}</caption>
              <thead>
                <tr>
                  <th scope="col">{r.currency}</th>
                  <th scope="col">Committed one-time</th>
                  <th scope="col">Committed recurring</th>
                  <th scope="col">Planned one-time</th>
                  <th scope="col">Planned recurring</th>
                  <th scope="col">Total</th>
                </tr>
              </thead>
              <tbody>
                {[...r.quarters.map((q) => ({ ...q, period: label(q.period) })), ...r.years.map((y) => ({ ...y, period: `${fiscal === 1 ? 'Year' : 'Calendar year'} ${y.period}` }))].map((l) => (
                  <tr key={l.period}>
                    <th scope="row">{l.period}</th>
                    <td>{money(l.committed.oneTime, r.currency)}</td>
                    <td>{money(l.committed.recurring, r.currency)}</td>
                    <td>{money(l.planned.oneTime, r.currency)}</td>
                    <td>{money(l.planned.recurring, r.currency)}</td>
                    <td>
                      <strong>{money(l.committed.total + l.planned.total, r.currency)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      )}
      <p className="muted small">Committed: approved, in progress or done. Planned: ideas and proposals. Recurring costs run from the target quarter on. A year row sums all four quarters of its year, shown here or not, as the QBR pack does.</p>

      {canEdit ? (
        <>
          <h2 className="spaced">Propose something</h2>
          <Form method="post" className="card" noValidate>
            {result?.message ? <p className="alert alert-error">{result.message}</p> : null}
            <div className="form-row">
              <div className="field">
                <label htmlFor="new-title">Title</label>
                <input id="new-title" name="title" required aria-describedby="new-title-error" />
                <FieldMessage id="new-title-error" message={fieldError(result?.fieldErrors, 'title')} />
              </div>
              <div className="field">
                <label htmlFor="new-quarter">Target quarter</label>
                <input id="new-quarter" name="targetQuarter" placeholder={quarterOf()} aria-describedby="new-quarter-error" />
                <FieldMessage id="new-quarter-error" message={fieldError(result?.fieldErrors, 'targetQuarter')} />
              </div>
              <div className="field">
                <label htmlFor="new-category">Category</label>
                <input id="new-category" name="category" />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Add idea
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </>
  )
}
