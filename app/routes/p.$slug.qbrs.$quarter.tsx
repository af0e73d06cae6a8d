import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldHistory } from '~/components/field-history'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { VersionedForm } from '~/components/versioned-form'
import { inZone } from '~/utils/format'
import { type ConflictView, type FieldDef, readVersionedForm } from '~/utils/versioned-form'
import type { PartnershipLoader } from './p.$slug'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.qbr.title} · QBRs · Accord` : 'Accord' }]

const QBR_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'startLocal', label: 'Starts (local time)', type: 'datetime', nullable: true },
  { name: 'endLocal', label: 'Ends (local time)', type: 'datetime', nullable: true },
  { name: 'timezone', label: 'Time zone', type: 'text', help: 'IANA name, e.g. Europe/Berlin' },
  { name: 'location', label: 'Location', type: 'text' },
  { name: 'videoUrl', label: 'Video link', type: 'text', nullable: true, help: 'https://…' },
]
const AGENDA_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'timeboxMinutes', label: 'Time box (minutes)', type: 'number' },
  { name: 'presenter', label: 'Presenter', type: 'text', nullable: true },
  { name: 'minutes', label: 'Minutes', type: 'textarea' },
]
const ACTION_FIELDS: FieldDef[] = [
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'owner', label: 'Owner', type: 'text' },
  { name: 'party', label: 'Party', type: 'select', options: ['MSP', 'CLIENT'] },
  { name: 'dueDate', label: 'Due', type: 'date', nullable: true },
  { name: 'status', label: 'Status', type: 'select', options: ['OPEN', 'IN_PROGRESS', 'DONE', 'DROPPED'] },
  { name: 'notes', label: 'Notes', type: 'textarea' },
]
const DECISION_FIELDS: FieldDef[] = [
  { name: 'text', label: 'Decision', type: 'textarea' },
  { name: 'decidedBy', label: 'Decided by', type: 'text', nullable: true },
]
const DEFS = { qbr: QBR_FIELDS, agenda: AGENDA_FIELDS, action: ACTION_FIELDS, decision: DECISION_FIELDS } as const
type Entity = keyof typeof DEFS

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const qbr = await orRespond(caller.qbr.get({ slug, quarter: params.quarter ?? '' }))
  const [history, partnership, openItems] = await Promise.all([
    orRespond(caller.qbr.history({ slug, entityType: 'Qbr', id: qbr.id })),
    orRespond(caller.partnership.get({ slug })),
    orRespond(caller.qbr.actionItems.list({ slug, open: true })),
  ])
  // What an agenda item or action item may link to: rows of this partnership's workspace, and open action items.
  const workspace = partnership.permissions.includes('workspace.read')
  const [roadmap, csi, responsibilities] = workspace
    ? await Promise.all([orRespond(caller.roadmap.list({ slug })), orRespond(caller.csi.list({ slug })), orRespond(caller.responsibility.list({ slug }))])
    : [[], [], []]
  const linkOptions: Array<{ group: string; options: Array<{ value: string; label: string }> }> = [
    { group: 'SLA report', options: ['summary', 'by-priority', 'monthly', 'breaches', 'trends'].map((k) => ({ value: `SLA_SECTION|${k}`, label: k })) },
    { group: 'Roadmap', options: roadmap.map((r) => ({ value: `ROADMAP_ITEM|${r.id}`, label: r.title })) },
    { group: 'CSI register', options: csi.map((c) => ({ value: `CSI_ENTRY|${c.id}`, label: c.opportunity })) },
    { group: 'Responsibilities', options: responsibilities.map((r) => ({ value: `RESPONSIBILITY|${r.id}`, label: r.name })) },
    { group: 'Open action items', options: openItems.map((a) => ({ value: `ACTION_ITEM|${a.id}`, label: `${a.title} (${a.originQuarter})` })) },
  ].filter((g) => g.options.length > 0)
  return json({ qbr, history, linkOptions }, { headers })
}

interface Result {
  ok: boolean
  message: string
  /** Which form the result belongs to: `entity:id`, or the intent for the add forms. */
  target: string
  conflict: unknown
  submitted: Record<string, string> | null
  fieldErrors: Array<{ field: string; message: string }>
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()
const optional = (form: FormData, name: string) => text(form, name) || null
/** The link select's `TYPE|ref` value as the API's two fields. */
function link(form: FormData): { linkType: 'SLA_SECTION' | null; linkRef: string | null } {
  const [type, ref] = text(form, 'link').split('|')
  return type && ref ? { linkType: type as 'SLA_SECTION', linkRef: ref } : { linkType: null, linkRef: null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  const intent = text(form, 'intent')
  const id = text(form, 'id')
  const qbrId = text(form, 'qbrId')
  const baseVersion = Number(form.get('baseVersion'))
  const entity = text(form, 'entity') as Entity
  const target = intent === 'update' ? `${entity}:${id}` : intent
  const submitted = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const done = (message: string) => json<Result>({ ok: true, message, target, conflict: null, submitted: null, fieldErrors: [] })
  try {
    switch (intent) {
      case 'update': {
        if (!(entity in DEFS)) break
        const { changes } = readVersionedForm(form, DEFS[entity])
        if (Object.keys(changes).length === 0) return done('Nothing changed.')
        const input = { slug, id, baseVersion, changes } as never
        const r =
          entity === 'qbr'
            ? await caller.qbr.update(input)
            : entity === 'agenda'
              ? await caller.qbr.agenda.update(input)
              : entity === 'action'
                ? await caller.qbr.actionItems.update(input)
                : await caller.qbr.decisions.update(input)
        return done(`Saved (version ${r.item.version}).${r.merged ? ' Merged with changes someone else saved to other fields.' : ''}`)
      }
      case 'status':
        await caller.qbr.setStatus({ slug, id, baseVersion, status: text(form, 'status') as 'SCHEDULED' })
        return done(`The QBR is ${text(form, 'status').toLowerCase()} now.`)
      case 'move': {
        const order = text(form, 'order').split(',')
        const at = order.indexOf(id)
        const to = at + (text(form, 'direction') === 'up' ? -1 : 1)
        if (at < 0 || to < 0 || to >= order.length) return done('Nothing to move.')
        ;[order[at], order[to]] = [order[to], order[at]]
        await caller.qbr.agenda.reorder({ slug, id: qbrId, baseVersion, order })
        return done('Agenda reordered.')
      }
      case 'agenda-add':
        await caller.qbr.agenda.add({ slug, qbrId, title: text(form, 'title'), timeboxMinutes: Number(text(form, 'timeboxMinutes') || 10), presenter: optional(form, 'presenter'), ...link(form) })
        return done('Agenda item added.')
      case 'agenda-delete':
        await caller.qbr.agenda.delete({ slug, id, baseVersion })
        return done('Agenda item removed.')
      case 'decision-add':
        await caller.qbr.decisions.add({ slug, qbrId, text: text(form, 'text'), agendaItemId: optional(form, 'agendaItemId') })
        return done('Decision recorded.')
      case 'decision-delete':
        await caller.qbr.decisions.delete({ slug, id, baseVersion })
        return done('Decision removed.')
      case 'attendee-add':
        await caller.qbr.attendees.add({ slug, qbrId, email: text(form, 'email'), name: text(form, 'name') || undefined, party: (optional(form, 'party') ?? undefined) as 'MSP' | undefined })
        return done('Attendee added.')
      case 'attendee-remove':
        await caller.qbr.attendees.remove({ slug, id })
        return done('Attendee removed.')
      case 'action-add':
        await caller.qbr.actionItems.create({
          slug,
          qbrId,
          title: text(form, 'title'),
          owner: text(form, 'owner'),
          party: text(form, 'party') as 'MSP',
          dueDate: optional(form, 'dueDate'),
          agendaItemId: optional(form, 'agendaItemId'),
          ...link(form),
        })
        return done('Action item added.')
    }
    return json<Result>({ ok: false, message: 'Unknown action', target, conflict: null, submitted: null, fieldErrors: [] }, { status: 400 })
  } catch (error) {
    const e = describeError(error)
    const conflict = e.status === 409 && e.details?.conflicts ? e.details : null
    return json<Result>({ ok: false, message: e.message, target, conflict, submitted: intent === 'update' ? submitted : null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

function LinkSelect({ id, groups, error }: { id: string; groups: Array<{ group: string; options: Array<{ value: string; label: string }> }>; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Link to</label>
      <select id={id} name="link" defaultValue="" aria-describedby={`${id}-error`}>
        <option value="">—</option>
        {groups.map((g) => (
          <optgroup key={g.group} label={g.group}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  )
}

type Options = Array<{ value: string; label: string }>
const optionList = (options: Options) =>
  options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ))
/** One field of an add form; `errors` names the fields whose problem shows under them (by the API's field name). */
type AddField =
  | { kind: 'input'; id: string; name: string; label: string; type?: 'number' | 'date'; defaultValue?: number; suggestions?: { id: string; options: Options }; errors?: boolean }
  | { kind: 'textarea'; id: string; name: string; label: string; rows: number; errors?: boolean }
  | { kind: 'select'; id: string; name: string; label: string; options: Options; defaultValue: string; errors?: boolean }
  | { kind: 'link'; id: string; groups: Array<{ group: string; options: Options }> }

/** The add forms below the lists (attendees, agenda, decisions, action items): one row of fields, then the button. */
function AddForm({ intent, qbrId, notice, fields, errors, busy, submit }: { intent: string; qbrId: string; notice?: ReactNode; fields: AddField[]; errors: FieldErrorLike[] | undefined; busy: boolean; submit: string }) {
  return (
    <Form method="post" className="card" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="qbrId" value={qbrId} />
      {notice}
      <div className="form-row">
        {fields.map((f) => {
          if (f.kind === 'link') return <LinkSelect key={f.id} id={f.id} groups={f.groups} error={fieldError(errors, 'linkRef')} />
          const describedBy = f.errors ? `${f.id}-error` : undefined
          return (
            <div className={f.kind === 'textarea' ? 'field field-wide' : 'field'} key={f.id}>
              <label htmlFor={f.id}>{f.label}</label>
              {f.kind === 'input' ? (
                <input id={f.id} name={f.name} list={f.suggestions?.id} type={f.type} defaultValue={f.defaultValue} aria-describedby={describedBy} />
              ) : f.kind === 'textarea' ? (
                <textarea id={f.id} name={f.name} rows={f.rows} aria-describedby={describedBy} />
              ) : (
                <select id={f.id} name={f.name} defaultValue={f.defaultValue} aria-describedby={describedBy}>
                  {optionList(f.options)}
                </select>
              )}
              {f.kind === 'input' && f.suggestions ? (
                <datalist id={f.suggestions.id}>
                  {optionList(f.suggestions.options)}
                </datalist>
              ) : null}
              {f.errors ? <FieldMessage id={`${f.id}-error`} message={fieldError(errors, f.name)} /> : null}
            </div>
          )
        })}
        <button type="submit" className="button" disabled={busy}>
          {submit}
        </button>
      </div>
    </Form>
  )
}

const STATUS_ACTION: Record<string, string> = { SCHEDULED: 'Schedule', DRAFT: 'Call off (back to draft)', HELD: 'Mark as held', CLOSED: 'Close the QBR' }

export default function QbrPage() {
  const { qbr, history, linkOptions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as Result | undefined
  const busy = useNavigation().state === 'submitting'
  const parent = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  const p = parent!.partnership
  const can = (x: string) => p.permissions.includes(x)
  const closed = qbr.status === 'CLOSED'
  const canEdit = can('qbr.edit') && !closed
  const members = [...p.msp.members.map((m) => ({ ...m, party: 'MSP' })), ...p.client.members.map((m) => ({ ...m, party: 'CLIENT' }))]
  const invited = new Set(qbr.attendees.map((a) => a.email))
  const order = qbr.agenda.map((a) => a.id).join(',')
  const totalMinutes = qbr.agenda.reduce((s, a) => s + a.timeboxMinutes, 0)
  const formProps = (entity: Entity, item: { id: string }) => {
    const mine = result?.target === `${entity}:${item.id}` ? result : undefined
    return {
      idPrefix: `${entity}-${item.id.slice(0, 8)}`,
      hidden: { entity, id: item.id },
      submitted: mine?.submitted,
      conflict: (mine?.conflict as ConflictView | null | undefined) ?? null,
      fieldErrors: mine?.fieldErrors,
      busy,
    }
  }
  const notice = (target: string) =>
    result && result.target === target && !result.conflict ? (
      <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
        {result.message}
      </p>
    ) : null
  const addErrors = (intent: string) => (result?.target === intent ? result.fieldErrors : undefined)
  const addFormProps = (intent: string) => ({ intent, qbrId: qbr.id, notice: notice(intent), errors: addErrors(intent), busy })
  const agendaOptions = [{ value: '', label: '—' }, ...qbr.agenda.map((a) => ({ value: a.id, label: a.title }))]
  const parties = [
    { value: 'MSP', label: 'MSP' },
    { value: 'CLIENT', label: 'Client' },
  ]
  const linkText = (type: string | null, ref: string | null) =>
    !type || !ref ? null : type === 'SLA_SECTION' ? `SLA report: ${ref}` : `${type.replace('_', ' ').toLowerCase()}: ${qbr.linkLabels[ref] ?? ref}`

  return (
    <>
      <p>
        <Link to={`/p/${p.slug}/qbrs`}>← QBRs</Link>
      </p>
      <div className="section-head">
        <h2>{qbr.title}</h2>
        <span>
          <span className={`badge status-${qbr.status.toLowerCase()}`} data-testid="qbr-status">
            {qbr.status.toLowerCase()}
          </span>{' '}
          <span className="muted small">
            {qbr.quarter} · version {qbr.version}
            {qbr.previousQuarter ? ` · follows ${qbr.previousQuarter}` : ''}
          </span>
        </span>
      </div>
      {closed ? <p className="alert alert-warning">This QBR is closed: its agenda, minutes and decisions are the record and read-only. Action items can still be followed up.</p> : null}
      {['status', 'move', 'agenda-delete', 'decision-delete', 'attendee-remove'].map((t) => (
        <div key={t}>{notice(t)}</div>
      ))}

      <section aria-labelledby="when-heading">
        <h3 id="when-heading">When and where</h3>
        <p>
          {qbr.startsAt ? (
            <>
              <strong>{inZone(qbr.startsAt, qbr.timezone)}</strong> – {qbr.endsAt ? inZone(qbr.endsAt, qbr.timezone).split(', ').pop() : ''} ({qbr.timezone}) · {totalMinutes} min on the agenda
            </>
          ) : (
            <span className="muted">Not scheduled yet · {totalMinutes} min on the agenda</span>
          )}
          {qbr.location ? ` · ${qbr.location}` : ''}
          {qbr.videoUrl ? (
            <>
              {' · '}
              <a href={qbr.videoUrl}>video link</a>
            </>
          ) : null}
        </p>
        {can('qbr.manage') && qbr.nextStatuses.length ? (
          <div className="inline-links">
            {qbr.nextStatuses.map((s) => (
              <Form method="post" key={s} className="inline-form">
                <input type="hidden" name="intent" value="status" />
                <input type="hidden" name="id" value={qbr.id} />
                <input type="hidden" name="baseVersion" value={qbr.version} />
                <input type="hidden" name="status" value={s} />
                <button type="submit" className={`button ${s === 'DRAFT' ? 'button-danger' : 'button-primary'}`} disabled={busy}>
                  {STATUS_ACTION[s]}
                </button>
              </Form>
            ))}
          </div>
        ) : null}
        {notice(`qbr:${qbr.id}`)}
        <VersionedForm defs={QBR_FIELDS} values={qbr} version={qbr.version} readOnly={!can('qbr.manage') || closed} label="QBR details" {...formProps('qbr', qbr)} />
      </section>

      <section aria-labelledby="attendees-heading" className="spaced">
        <h3 id="attendees-heading">Attendees</h3>
        {notice('attendee-add')}
        <ul className="people">
          {qbr.attendees.map((a) => (
            <li key={a.id}>
              {a.name} <span className="muted small">{a.email}</span> <span className={`badge badge-party-${a.party.toLowerCase()}`}>{a.party === 'MSP' ? 'MSP' : 'Client'}</span>
              {canEdit ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="attendee-remove" />
                  <input type="hidden" name="id" value={a.id} />
                  <button type="submit" className="link-button" disabled={busy} aria-label={`Remove ${a.name}`}>
                    remove
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {qbr.attendees.length === 0 ? <p className="empty">Nobody invited yet.</p> : null}
        {canEdit ? (
          <AddForm
            {...addFormProps('attendee-add')}
            // Its notice stands above the list of attendees.
            notice={null}
            submit="Invite"
            fields={[
              {
                kind: 'input',
                id: 'att-email',
                name: 'email',
                label: 'Member or external email',
                suggestions: {
                  id: 'att-members',
                  options: members.filter((m) => !invited.has(m.email)).map((m) => ({ value: m.email, label: `${m.name} (${m.party === 'MSP' ? 'MSP' : 'client'})` })),
                },
                errors: true,
              },
              { kind: 'input', id: 'att-name', name: 'name', label: 'Name (external)' },
              { kind: 'select', id: 'att-party', name: 'party', label: 'Party (external)', defaultValue: '', options: [{ value: '', label: '—' }, ...parties], errors: true },
            ]}
          />
        ) : null}
      </section>

      <section aria-labelledby="agenda-heading" className="spaced">
        <h3 id="agenda-heading">Agenda and minutes</h3>
        <ol className="plain">
          {qbr.agenda.map((a, i) => {
            const carried = a.templateKey === 'ACTION_REVIEW' ? qbr.actionItems.filter((x) => x.carriedOver) : []
            return (
              <li key={a.id} className="spaced" aria-label={`Agenda item ${i + 1}: ${a.title}`}>
                <div className="section-head">
                  <h4>
                    {i + 1}. {a.title} <span className="muted small">· {a.timeboxMinutes} min{a.presenter ? ` · ${a.presenter}` : ''}</span>
                  </h4>
                  {canEdit ? (
                    <span className="inline-links">
                      {(['up', 'down'] as const).map((dir) => (
                        <Form method="post" className="inline-form" key={dir}>
                          <input type="hidden" name="intent" value="move" />
                          <input type="hidden" name="qbrId" value={qbr.id} />
                          <input type="hidden" name="id" value={a.id} />
                          <input type="hidden" name="order" value={order} />
                          <input type="hidden" name="baseVersion" value={qbr.version} />
                          <input type="hidden" name="direction" value={dir} />
                          <button
                            type="submit"
                            className="button button-small"
                            disabled={busy || (dir === 'up' ? i === 0 : i === qbr.agenda.length - 1)}
                            aria-label={`Move “${a.title}” ${dir}`}
                          >
                            {dir === 'up' ? '↑' : '↓'}
                          </button>
                        </Form>
                      ))}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="agenda-delete" />
                        <input type="hidden" name="id" value={a.id} />
                        <input type="hidden" name="baseVersion" value={a.version} />
                        <button type="submit" className="button button-small button-danger" disabled={busy} aria-label={`Remove “${a.title}”`}>
                          Remove
                        </button>
                      </Form>
                    </span>
                  ) : null}
                </div>
                {linkText(a.linkType, a.linkRef) ? <p className="muted small">Linked: {linkText(a.linkType, a.linkRef)}</p> : null}
                {carried.length ? (
                  <p className="small">
                    Carried over from earlier QBRs: {carried.map((c) => `${c.title} (${c.status.replace('_', ' ').toLowerCase()})`).join('; ')}
                  </p>
                ) : null}
                {notice(`agenda:${a.id}`)}
                <VersionedForm defs={AGENDA_FIELDS} values={a} version={a.version} readOnly={!canEdit} label={`Edit “${a.title}”`} {...formProps('agenda', a)} />
              </li>
            )
          })}
        </ol>
        {canEdit ? (
          <AddForm
            {...addFormProps('agenda-add')}
            submit="Add to agenda"
            fields={[
              { kind: 'input', id: 'agenda-title', name: 'title', label: 'New agenda item', errors: true },
              { kind: 'input', id: 'agenda-timebox', name: 'timeboxMinutes', label: 'Minutes allotted', type: 'number', defaultValue: 10, errors: true },
              { kind: 'input', id: 'agenda-presenter', name: 'presenter', label: 'Presenter' },
              { kind: 'link', id: 'agenda-link', groups: linkOptions },
            ]}
          />
        ) : null}
      </section>

      <section aria-labelledby="decisions-heading" className="spaced">
        <h3 id="decisions-heading">Decisions</h3>
        {qbr.decisions.length === 0 ? <p className="empty">No decisions recorded.</p> : null}
        {qbr.decisions.map((d) => (
          <div key={d.id}>
            {notice(`decision:${d.id}`)}
            <VersionedForm defs={DECISION_FIELDS} values={d} version={d.version} readOnly={!canEdit} label={`Decision: ${d.text.slice(0, 40)}`} {...formProps('decision', d)} />
            {canEdit ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="decision-delete" />
                <input type="hidden" name="id" value={d.id} />
                <input type="hidden" name="baseVersion" value={d.version} />
                <button type="submit" className="link-button" disabled={busy}>
                  Remove this decision
                </button>
              </Form>
            ) : null}
          </div>
        ))}
        {canEdit ? (
          <AddForm
            {...addFormProps('decision-add')}
            submit="Record decision"
            fields={[
              { kind: 'textarea', id: 'decision-text', name: 'text', label: 'New decision', rows: 2, errors: true },
              { kind: 'select', id: 'decision-agenda', name: 'agendaItemId', label: 'Agenda item', defaultValue: '', options: agendaOptions },
            ]}
          />
        ) : null}
      </section>

      <section aria-labelledby="actions-heading" className="spaced">
        <h3 id="actions-heading">Action items</h3>
        {qbr.actionItems.length === 0 ? <p className="empty">No action items.</p> : null}
        <ul className="plain">
          {qbr.actionItems.map((a) => {
            const props = formProps('action', a)
            return (
              <li key={a.id} className="spaced" aria-label={`Action item: ${a.title}`}>
                <strong>{a.title}</strong> — {a.owner} <span className={`badge badge-party-${a.party.toLowerCase()}`}>{a.party === 'MSP' ? 'MSP' : 'Client'}</span> · due {a.dueDate ?? '—'} ·{' '}
                <span className={`badge status-${a.status.toLowerCase()}`}>{a.status.replace('_', ' ').toLowerCase()}</span>
                {a.carriedOver ? <span className="badge"> carried over from {a.originQuarter}</span> : null}
                {linkText(a.linkType, a.linkRef) ? <span className="muted small"> · {linkText(a.linkType, a.linkRef)}</span> : null}
                {notice(`action:${a.id}`)}
                {can('qbr.edit') ? (
                  <details open={!!props.conflict || (result?.target === `action:${a.id}` && !result.ok)}>
                    <summary>Edit</summary>
                    <VersionedForm defs={ACTION_FIELDS} values={a} version={a.version} label={`Edit action item “${a.title}”`} {...props} />
                  </details>
                ) : null}
              </li>
            )
          })}
        </ul>
        {canEdit ? (
          <AddForm
            {...addFormProps('action-add')}
            submit="Add action item"
            fields={[
              { kind: 'input', id: 'action-title', name: 'title', label: 'New action item', errors: true },
              { kind: 'input', id: 'action-owner', name: 'owner', label: 'Owner', errors: true },
              { kind: 'select', id: 'action-party', name: 'party', label: 'Owner’s party', defaultValue: p.myParty, options: parties },
              { kind: 'input', id: 'action-due', name: 'dueDate', label: 'Due date', type: 'date', errors: true },
              { kind: 'link', id: 'action-link', groups: linkOptions },
              { kind: 'select', id: 'action-agenda', name: 'agendaItemId', label: 'Agenda item', defaultValue: '', options: agendaOptions },
            ]}
          />
        ) : null}
      </section>

      <h3 className="spaced">History of the QBR’s details</h3>
      <FieldHistory history={history} entityType="Qbr" describe={(h) => (h.field === 'agendaOrder' ? 'agenda reordered' : null)} />
      <p className="muted small">
        Calendar: UID <code>{qbr.icsUid}</code>, sequence {qbr.icsSequence}
      </p>
    </>
  )
}
