import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { PsaTicketNote } from '~/components/assets/psa-ticket-note'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useParams } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { EntityEditor } from '~/components/entity-editor'
import { entityAction } from '~/utils/entity-action.server'
import type { FieldDef } from '~/utils/versioned-form'
import { useLocale } from '~/utils/locale'
import { formatDate, formatDateTime } from '~/utils/format'
import { OriginNote } from '~/components/assessments/origin-note'

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
  const [item, comments, history, partnership, psa, origin] = await Promise.all([
    orRespond(caller.roadmap.get(ref)),
    orRespond(caller.roadmap.comments(ref)),
    orRespond(caller.roadmap.history(ref)),
    orRespond(caller.partnership.get({ slug: ref.slug })),
    orRespond(caller.psaTickets.list({ slug: ref.slug })),
    orRespond(caller.assessments.origin({ ...ref, kind: 'ROADMAP' })),
  ])
  const psaLink = psa.items.find((i) => i.itemKind === 'ROADMAP_ITEM' && i.itemId === item.id)?.link ?? null
  return json({ item, comments, history, permissions: partnership.permissions, party: partnership.myParty, psaLink, origin }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const intent = String(form.get('intent'))
  const ref = { slug: params.slug ?? '', id: params.id ?? '' }
  if (intent === 'approve' || intent === 'comment') {
    try {
      if (intent === 'approve') await caller.roadmap.approve({ ...ref, baseVersion: Number(form.get('baseVersion')) })
      else await caller.roadmap.comment({ ...ref, body: String(form.get('body') ?? '') })
      return json({ ok: true, message: intent === 'approve' ? 'Approved.' : 'Comment added.', conflict: null, submitted: null, fieldErrors: [] })
    } catch (error) {
      const e = describeError(error)
      return json({ ok: false, message: e.message, conflict: null, submitted: null, fieldErrors: e.fieldErrors }, { status: e.status })
    }
  }
  return entityAction(form, FIELDS, {
    update: (x) => caller.roadmap.update({ ...ref, ...x } as never),
    remove: (baseVersion) => caller.roadmap.delete({ ...ref, baseVersion }),
    restore: (baseVersion) => caller.roadmap.restore({ ...ref, baseVersion }),
  })
}

export default function RoadmapItemPage() {
  const { item, comments, history, permissions, party, psaLink, origin } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const { slug } = useParams()
  const mine = party === 'MSP' ? item.mspApproval : item.clientApproval
  const locale = useLocale()
  const canApprove = permissions.includes('roadmap.approve') && !mine && ['PROPOSED', 'APPROVED', 'IN_PROGRESS'].includes(item.status) && !item.deletedAt
  return (
    <>
      <EntityEditor
        back={{ to: `/p/${slug}/roadmap`, label: 'Roadmap' }}
        title={`${item.title}`}
        subtitle={`proposed by the ${item.proposedBy === 'MSP' ? 'MSP' : 'client'}`}
        entityType="RoadmapItem"
        item={item}
        fields={FIELDS}
        history={history}
        result={result as never}
        canEdit={permissions.includes('roadmap.edit')}
        canDelete={permissions.includes('workspace.delete')}
      >
        <OriginNote slug={slug ?? ''} origin={origin} />
        <section className="card approvals-card">
          <h3>Approval</h3>
          <p>
            MSP: {item.mspApproval ? `approved by ${item.mspApproval.by}, ${formatDate(item.mspApproval.at, locale)}` : 'not yet'} · Client:{' '}
            {item.clientApproval ? `approved by ${item.clientApproval.by}, ${formatDate(item.clientApproval.at, locale)}` : 'not yet'}
          </p>
          {item.approvalResetReason ? <p className="muted">{item.approvalResetReason}</p> : null}
          <PsaTicketNote slug={slug ?? ''} link={psaLink} />
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
      </EntityEditor>
      <section className="spaced">
        <h3>Comments</h3>
        <ul className="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author}</strong> <span className="muted small">({c.authorParty === 'MSP' ? 'MSP' : 'client'}, {formatDateTime(c.createdAt, locale, 'UTC', true)})</span>
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
    </>
  )
}
