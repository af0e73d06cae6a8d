import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { nextQuarterWithoutQbr } from '~/utils/default-quarter'
import { formatDate, inZone } from '~/utils/format'
import type { PartnershipLoader } from './p.$slug'
import { enumLabel, quarterLabel } from '~/utils/labels'
import { useLocale } from '~/utils/locale'
import { QbrAlignment } from '~/components/qbr/qbr-alignment'

export const meta: MetaFunction = () => [{ title: 'QBRs · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [qbrs, openItems, trend] = await Promise.all([
    orRespond(caller.qbr.list({ slug })),
    orRespond(caller.qbr.actionItems.list({ slug, open: true })),
    orRespond(caller.assessments.trend({ slug })),
  ])
  return json({ qbrs, openItems, trend, now: new Date().toISOString(), defaultQuarter: nextQuarterWithoutQbr(qbrs) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  try {
    const title = String(form.get('title') ?? '').trim()
    const qbr = await caller.qbr.create({ slug, quarter: String(form.get('quarter') ?? '').trim(), ...(title ? { title } : {}) })
    return redirect(`/p/${slug}/qbrs/${qbr.quarter}`)
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors as FieldErrorLike[] }, { status: e.status })
  }
}

const STATUS_LABEL: Record<string, string> = { DRAFT: 'draft', SCHEDULED: 'scheduled', HELD: 'held', CLOSED: 'closed' }

export default function Qbrs() {
  const { qbrs, openItems, trend, now, defaultQuarter } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const parent = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  const p = parent!.partnership
  const canManage = p.permissions.includes('qbr.manage')
  const today = new Date().toISOString().slice(0, 10)
  const locale = useLocale()
  return (
    <>
      <div className="section-head">
        <h2>Quarterly business reviews</h2>
      </div>
      {qbrs.length === 0 ? (
        <p className="empty">No QBR yet.{canManage ? ' Plan the first one below.' : ''}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">QBRs by quarter</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <th scope="col">Agenda items</th>
                <th scope="col">Open action items raised</th>
                <th scope="col">Standards alignment</th>
              </tr>
            </thead>
            <tbody>
              {qbrs.map((q) => (
                <tr key={q.id}>
                  <th scope="row">
                    <Link to={`/p/${p.slug}/qbrs/${q.quarter}`}>{quarterLabel(q.quarter, p.fiscalYearStartMonth, locale)}</Link>
                  </th>
                  <td>{q.title}</td>
                  <td>
                    <span className={`badge status-${q.status.toLowerCase()}`}>{STATUS_LABEL[q.status]}</span>
                  </td>
                  <td>{q.startsAt ? `${inZone(q.startsAt, q.timezone, locale)} (${q.timezone})` : '—'}</td>
                  <td>{q.agendaItems}</td>
                  <td>{q.openActionItems}</td>
                  <td>
                    <QbrAlignment slug={p.slug} trend={trend} at={q.startsAt && q.startsAt < now ? q.startsAt : now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage ? (
        <>
          <h2 className="spaced">Plan a QBR</h2>
          <Form method="post" className="card" noValidate>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <p className="muted small">It starts with the standard agenda; open action items of the previous QBR are carried into its action items review.</p>
            <div className="form-row">
              <div className="field">
                <label htmlFor="new-quarter">Quarter</label>
                <input id="new-quarter" name="quarter" defaultValue={defaultQuarter} required aria-describedby="new-quarter-error" />
                <FieldMessage id="new-quarter-error" message={fieldError(result?.fieldErrors, 'quarter')} />
              </div>
              <div className="field">
                <label htmlFor="new-title">Title (optional)</label>
                <input id="new-title" name="title" aria-describedby="new-title-error" />
                <FieldMessage id="new-title-error" message={fieldError(result?.fieldErrors, 'title')} />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Create QBR
              </button>
            </div>
          </Form>
        </>
      ) : null}

      <h2 className="spaced">Open action items</h2>
      {openItems.length === 0 ? (
        <p className="empty">No open action items.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Open action items across all QBRs</caption>
            <thead>
              <tr>
                <th scope="col">Action item</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Raised in</th>
              </tr>
            </thead>
            <tbody>
              {openItems.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>
                    {a.owner} <span className={`badge badge-party-${a.party.toLowerCase()}`}>{a.party === 'MSP' ? 'MSP' : 'Client'}</span>
                  </td>
                  <td className={a.dueDate && a.dueDate < today ? 'verdict-breached' : undefined}>{formatDate(a.dueDate, locale)}</td>
                  <td>{enumLabel(a.status)}</td>
                  <td>
                    <Link to={`/p/${p.slug}/qbrs/${a.originQuarter}`}>{a.originQuarter}</Link>
                    {a.carriedInto.length ? <span className="muted small"> · carried into {a.carriedInto.join(', ')}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
