import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { STATUS_LABEL } from '~/components/assessments/labels'
import { alignmentDelta, fmtScore } from '~/charts/pack-format'
import { formatDate } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import type { PartnershipLoader } from './p.$slug'

export const meta: MetaFunction = () => [{ title: 'Standards assessments · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const assessments = await orRespond(caller.assessments.list({ slug }))
  return json({ assessments }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const slug = params.slug ?? ''
  const title = String((await request.formData()).get('title') ?? '').trim()
  try {
    const created = await caller.assessments.create({ slug, ...(title ? { title } : {}) })
    return redirect(`/p/${slug}/assessments/${created.id}`)
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message }, { status: e.status })
  }
}

export default function Assessments() {
  const { assessments } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const p = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')!.partnership
  const locale = useLocale()
  const canStart = p.permissions.includes('assessment.answer')
  // Oldest first for the trend; each reviewed assessment against the one reviewed before it.
  const reviewed = assessments.filter((a) => a.reviewedAt).sort((a, b) => (a.reviewedAt! < b.reviewedAt! ? -1 : 1))
  const previousOf = new Map(reviewed.map((a, i) => [a.id, reviewed[i - 1]?.score.overall ?? null]))
  return (
    <>
      <div className="section-head">
        <h2>Standards assessments</h2>
      </div>
      <p className="muted">
        {p.myParty === 'MSP'
          ? `Each assessment checks ${p.client.name} against your standards library. An engineer answers, the account manager reviews; ${p.client.name} sees it once reviewed.`
          : `${p.msp.name} checks your environment against its standards. You see each assessment once their account manager has reviewed it, and can comment on it.`}{' '}
        The score is the severity-weighted share of applicable standards found aligned; unknown counts as not aligned.
      </p>
      {assessments.length === 0 ? (
        <p className="empty">No assessment {p.myParty === 'MSP' ? 'yet.' : 'has been reviewed yet.'}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Assessments, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Assessment</th>
                <th scope="col">State</th>
                <th scope="col">Started</th>
                <th scope="col">Reviewed</th>
                <th scope="col">Score</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {assessments.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="row-head">
                    <Link to={`/p/${p.slug}/assessments/${a.id}`}>{a.title}</Link>
                  </th>
                  <td>
                    <span className={`badge status-${a.status.toLowerCase()}`}>{STATUS_LABEL[a.status]}</span>
                  </td>
                  <td>{formatDate(a.createdAt, locale)}</td>
                  <td>{a.reviewedAt ? formatDate(a.reviewedAt, locale) : '—'}</td>
                  <td>
                    <strong>{fmtScore(a.score.overall)}</strong>
                    {a.status === 'REVIEWED' ? '' : ' so far'}
                  </td>
                  <td>{a.reviewedAt ? alignmentDelta(a.score.overall, previousOf.get(a.id) ?? null) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canStart ? (
        <>
          <h2 className="spaced">Start an assessment</h2>
          <Form method="post" className="card" noValidate>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <div className="form-row">
              <div className="field">
                <label htmlFor="new-title">Title (optional)</label>
                <input id="new-title" name="title" placeholder="Assessment of today's date" />
              </div>
              <button type="submit" className="button button-primary" disabled={busy}>
                Start assessment
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </>
  )
}
