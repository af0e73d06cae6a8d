import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { AnswerRow } from '~/components/assessments/answer-row'
import { STATUS_LABEL } from '~/components/assessments/labels'
import { ScoreTable } from '~/components/assessments/score-table'
import { fmtScore } from '~/charts/pack-format'
import type { FieldErrorLike } from '~/components/forms'
import { formatDate, formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import type { PartnershipLoader } from './p.$slug'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.assessment.title} · Accord` : 'Assessment · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const [assessment, comments] = await Promise.all([orRespond(caller.assessments.get(ref)), orRespond(caller.assessments.comments(ref))])
  return json({ assessment, comments }, { headers })
}

const done = (message: string) => json({ ok: true as const, message, fieldErrors: [] as FieldErrorLike[] })

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const slug = params.slug ?? ''
  const id = params.id ?? ''
  const form = await request.formData()
  const get = (k: string) => String(form.get(k) ?? '')
  const baseVersion = Number(form.get('baseVersion'))
  try {
    switch (get('intent')) {
      case 'answer':
        await caller.assessments.answer({ slug, answerId: get('answerId'), baseVersion, alignment: get('alignment') as never, evidence: get('evidence'), note: get('note') })
        return done('Saved.')
      case 'convert':
        await caller.assessments.convert({ slug, answerId: get('answerId'), baseVersion, into: get('into') as never })
        return done(get('into') === 'CSI' ? 'CSI entry created.' : 'Roadmap item proposed.')
      case 'submit':
        await caller.assessments.submit({ slug, id, baseVersion })
        return done('Submitted for review.')
      case 'review':
        await caller.assessments.review({ slug, id, baseVersion })
        return done('Reviewed: the client can now see this assessment.')
      case 'sendBack':
        await caller.assessments.sendBack({ slug, id, baseVersion, note: get('note') })
        return done('Returned to draft.')
      case 'comment':
        await caller.assessments.comment({ slug, id, body: get('body') })
        return done('Comment added.')
      default:
        return json({ ok: false as const, message: 'Unknown action', fieldErrors: [] as FieldErrorLike[] }, { status: 400 })
    }
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false as const, message: e.message, fieldErrors: e.fieldErrors as FieldErrorLike[] }, { status: e.status })
  }
}

export default function AssessmentPage() {
  const { assessment: a, comments } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const p = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')!.partnership
  const locale = useLocale()
  const can = (perm: string) => p.permissions.includes(perm)
  const open = a.status !== 'REVIEWED'
  const canAnswer = open && can('assessment.answer')
  const canConvert = a.status !== 'DRAFT' && can('assessment.review')
  const categories = [...new Set(a.answers.map((x) => x.category))]
  const unanswered = a.answers.filter((x) => x.alignment === null).length
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/p/${p.slug}/assessments`}>← Standards assessments</Link>
      </p>
      <div className="section-head">
        <h2>{a.title}</h2>
        <span className={`badge status-${a.status.toLowerCase()}`}>{STATUS_LABEL[a.status]}</span>
      </div>
      <p className="muted">
        Started {formatDate(a.createdAt, locale)} by {a.createdBy}
        {a.submittedAt ? ` · submitted ${formatDate(a.submittedAt, locale)}` : ''}
        {a.reviewedAt ? ` · reviewed ${formatDateTime(a.reviewedAt, locale)} by ${a.reviewedBy}` : ''}
      </p>
      {result?.message ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      {a.returnNote && a.status === 'DRAFT' ? (
        <p className="alert alert-error" role="note">
          Returned by the account manager: {a.returnNote}
        </p>
      ) : null}
      <p>
        <span className="score-big">{fmtScore(a.score.overall)}</span>
        <span className="muted">{open ? `alignment so far (${unanswered} of ${a.answers.length} not answered yet, counted as unknown)` : 'alignment'}</span>
      </p>
      <ScoreTable score={a.score} caption="Alignment by category" />

      {a.status === 'DRAFT' && can('assessment.answer') ? (
        <Form method="post" className="inline-actions spaced">
          <input type="hidden" name="baseVersion" value={a.version} />
          <button type="submit" name="intent" value="submit" className="button button-primary" disabled={busy}>
            Submit for review
          </button>
          <span className="muted">Every standard needs an answer first; use “unknown” where you could not check.</span>
        </Form>
      ) : null}
      {a.status === 'IN_REVIEW' && can('assessment.review') ? (
        <div className="card spaced">
          <Form method="post" className="inline-actions">
            <input type="hidden" name="baseVersion" value={a.version} />
            <button type="submit" name="intent" value="review" className="button button-primary" disabled={busy}>
              Mark reviewed
            </button>
            <span className="muted">The client sees the assessment once reviewed; its answers are then final.</span>
          </Form>
          <Form method="post" className="inline-actions spaced">
            <input type="hidden" name="baseVersion" value={a.version} />
            <label htmlFor="send-back-note">What needs another look</label>
            <input id="send-back-note" name="note" />
            <button type="submit" name="intent" value="sendBack" className="button" disabled={busy}>
              Return to draft
            </button>
          </Form>
        </div>
      ) : null}

      {categories.map((category) => (
        <section key={category} aria-labelledby={`cat-${category}`}>
          <h3 id={`cat-${category}`} className="spaced">
            {category}
          </h3>
          <ul className="answers">
            {a.answers
              .filter((x) => x.category === category)
              .map((x) => (
                <AnswerRow key={x.id} slug={p.slug} a={x} canAnswer={canAnswer} canConvert={canConvert} />
              ))}
          </ul>
        </section>
      ))}

      <h3 className="spaced">Comments</h3>
      {comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ul className="plain">
          {comments.map((c) => (
            <li key={c.id}>
              <span className={`badge badge-party-${c.authorParty.toLowerCase()}`}>{c.authorParty === 'MSP' ? 'MSP' : 'Client'}</span> <strong>{c.author}</strong>{' '}
              <span className="muted">{formatDateTime(c.createdAt, locale)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {can('comment.create') ? (
        <Form method="post" className="card">
          <div className="field">
            <label htmlFor="comment-body">Add a comment</label>
            <textarea id="comment-body" name="body" rows={3} />
          </div>
          <button type="submit" name="intent" value="comment" className="button" disabled={busy}>
            Comment
          </button>
        </Form>
      ) : null}
    </>
  )
}
