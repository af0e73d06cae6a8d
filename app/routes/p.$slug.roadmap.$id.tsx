import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { VersionedForm } from '~/components/versioned-form'
import { type ConflictView, type FieldDef, readVersionedForm } from '~/utils/versioned-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.item.title} · Roadmap · Accord` : 'Accord' }]

const FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'status', label: 'Status', type: 'select', options: ['IDEA', 'PROPOSED', 'APPROVED', 'IN_PROGRESS', 'DONE', 'DECLINED'], help: 'APPROVED comes from both parties’ approvals.' },
  { name: 'targetQuarter', label: 'Target quarter', type: 'text', nullable: true, help: 'e.g. 2027-Q1' },
  { name: 'priority', label: 'Priority', type: 'select', options: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] },
  { name: 'category', label: 'Category', type: 'text' },
  { name: 'oneTime', label: 'One-time cost', type: 'number' },
  { name: 'recurring', label: 'Recurring cost', type: 'number' },
  { name: 'recurringPeriod', label: 'Recurring per', type: 'select', options: ['MONTH', 'YEAR'] },
  { name: 'currency', label: 'Currency', type: 'text' },
  { name: 'mspOwner', label: 'MSP owner', type: 'text', nullable: true },
  { name: 'clientOwner', label: 'Client owner', type: 'text', nullable: true },
  { name: 'businessOutcome', label: 'Business outcome', type: 'textarea' },
  { name: 'description', label: 'Description', type: 'textarea' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const [item, comments, history, partnership] = await Promise.all([
    orRespond(caller.roadmap.get(ref)),
    orRespond(caller.roadmap.comments(ref)),
    orRespond(caller.roadmap.history(ref)),
    orRespond(caller.partnership.get({ slug: ref.slug })),
  ])
  return json({ item, comments, history, permissions: partnership.permissions, party: partnership.myParty }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = String(form.get('intent'))
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  const submitted = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  try {
    if (intent === 'update') {
      const { baseVersion, changes } = readVersionedForm(form, FIELDS)
      if (Object.keys(changes).length === 0) return json({ ok: true as const, message: 'Nothing changed.', conflict: null, submitted: null, fieldErrors: [] })
      const result = await caller.roadmap.update({ ...ref, baseVersion, changes })
      const merged = result.merged ? ' Merged with changes someone else saved to other fields.' : ''
      return json({ ok: true as const, message: `Saved (version ${result.item.version}).${merged}`, conflict: null, submitted: null, fieldErrors: [] })
    }
    const baseVersion = Number(form.get('baseVersion'))
    if (intent === 'approve') await caller.roadmap.approve({ ...ref, baseVersion })
    else if (intent === 'comment') await caller.roadmap.comment({ ...ref, body: String(form.get('body') ?? '') })
    else if (intent === 'delete') await caller.roadmap.delete({ ...ref, baseVersion })
    else if (intent === 'restore') await caller.roadmap.restore({ ...ref, baseVersion })
    return json({ ok: true as const, message: { approve: 'Approved.', comment: 'Comment added.', delete: 'Deleted (restorable).', restore: 'Restored.' }[intent] ?? 'Done.', conflict: null, submitted: null, fieldErrors: [] })
  } catch (error) {
    const e = describeError(error)
    const conflict = e.status === 409 && e.details?.conflicts ? (e.details as unknown as ConflictView) : null
    return json({ ok: false as const, message: e.message, conflict, submitted: intent === 'update' ? submitted : null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function RoadmapItemPage() {
  const { item, comments, history, permissions, party } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const { slug } = useParams()
  const mine = party === 'MSP' ? item.mspApproval : item.clientApproval
  const canApprove = permissions.includes('roadmap.approve') && !mine && ['PROPOSED', 'APPROVED', 'IN_PROGRESS'].includes(item.status) && !item.deletedAt
  return (
    <>
      <p>
        <Link to={`/p/${slug}/roadmap`}>← Roadmap</Link>
      </p>
      <div className="section-head">
        <h2>{item.title}</h2>
        <span className="muted">
          version {item.version} · proposed by the {item.proposedBy === 'MSP' ? 'MSP' : 'client'}
        </span>
      </div>
      {item.deletedAt ? <p className="alert alert-error">Deleted on {item.deletedAt.slice(0, 10)}. It can be restored.</p> : null}
      {result && !result.conflict ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      <section className="card approvals-card">
        <h3>Approval</h3>
        <p>
          MSP: {item.mspApproval ? `approved by ${item.mspApproval.by}, ${item.mspApproval.at.slice(0, 10)}` : 'not yet'} · Client:{' '}
          {item.clientApproval ? `approved by ${item.clientApproval.by}, ${item.clientApproval.at.slice(0, 10)}` : 'not yet'}
        </p>
        {item.approvalResetReason ? <p className="muted">{item.approvalResetReason}</p> : null}
        {canApprove ? (
          <Form method="post">
            <input type="hidden" name="intent" value="approve" />
            <input type="hidden" name="baseVersion" value={item.version} />
            <button type="submit" className="button button-primary" disabled={busy}>
              Approve for the {party === 'MSP' ? 'MSP' : 'client'}
            </button>
          </Form>
        ) : null}
      </section>
      <h3 className="spaced">Details</h3>
      <VersionedForm
        defs={FIELDS}
        values={item}
        version={item.version}
        submitted={result?.submitted}
        conflict={result?.conflict as ConflictView | null | undefined}
        fieldErrors={result?.fieldErrors as Array<{ field: string; message: string }> | undefined}
        readOnly={!permissions.includes('roadmap.edit') || !!item.deletedAt}
        busy={busy}
      />
      {permissions.includes('workspace.delete') ? (
        <Form method="post" className="spaced">
          <input type="hidden" name="intent" value={item.deletedAt ? 'restore' : 'delete'} />
          <input type="hidden" name="baseVersion" value={item.version} />
          <button type="submit" className="button button-danger" disabled={busy}>
            {item.deletedAt ? 'Restore' : 'Delete'}
          </button>
        </Form>
      ) : null}
      <div className="grid-2 spaced">
        <section>
          <h3>Comments</h3>
          <ul className="comments">
            {comments.map((c) => (
              <li key={c.id}>
                <strong>{c.author}</strong> <span className="muted small">({c.authorParty === 'MSP' ? 'MSP' : 'client'}, {c.createdAt.slice(0, 16).replace('T', ' ')})</span>
                <p>{c.body}</p>
                {c.mentions.length ? <p className="muted small">Mentions: {c.mentions.map((m) => m.name).join(', ')}</p> : null}
              </li>
            ))}
          </ul>
          {permissions.includes('comment.create') ? (
            <Form method="post">
              <input type="hidden" name="intent" value="comment" />
              <div className="field">
                <label htmlFor="comment-body">Add a comment (mention people with @name)</label>
                <textarea id="comment-body" name="body" rows={3} required />
              </div>
              <button type="submit" className="button" disabled={busy}>
                Comment
              </button>
            </Form>
          ) : null}
        </section>
        <section>
          <h3>History</h3>
          <ul className="timeline">
            {history.map((h) => (
              <li key={`${h.version}-${h.field}`}>
                <span className="muted small">
                  v{h.version} · {h.at.slice(0, 16).replace('T', ' ')} · {h.by}
                </span>{' '}
                <code>{h.field}</code>: {JSON.stringify(h.before) ?? '—'} → {JSON.stringify(h.after)}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  )
}
