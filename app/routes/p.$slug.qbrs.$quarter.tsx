import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useRouteLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldHistory } from '~/components/field-history'
import { ActionItemsSection } from '~/components/qbr/action-items-section'
import { AgendaSection } from '~/components/qbr/agenda-section'
import { AttendeesSection } from '~/components/qbr/attendees-section'
import { DecisionsSection } from '~/components/qbr/decisions-section'
import { MinutesAckSection } from '~/components/qbr/minutes-ack-section'
import { type QbrActionResult, qbrKit } from '~/components/qbr/qbr-kit'
import { QBR_DEFS, type QbrEntity } from '~/components/qbr/qbr-fields'
import { WhenSection } from '~/components/qbr/when-section'
import { readVersionedForm } from '~/utils/versioned-form'
import type { PartnershipLoader } from './p.$slug'
import { enumLabel, quarterLabel } from '~/utils/labels'
import { useLocale } from '~/utils/locale'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.qbr.title} · QBRs · Accord` : 'Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const qbr = await orRespond(caller.qbr.get({ slug, quarter: params.quarter ?? '' }))
  const [history, partnership, openItems, acks] = await Promise.all([
    orRespond(caller.qbr.history({ slug, entityType: 'Qbr', id: qbr.id })),
    orRespond(caller.partnership.get({ slug })),
    orRespond(caller.qbr.actionItems.list({ slug, open: true })),
    orRespond(caller.acknowledgement.list({ slug, quarter: params.quarter ?? '' })),
  ])
  // What an agenda item or action item may link to: rows of this partnership's workspace, and open action items.
  const workspace = partnership.permissions.includes('workspace.read')
  const [roadmap, csi, responsibilities, psa] = workspace
    ? await Promise.all([orRespond(caller.roadmap.list({ slug })), orRespond(caller.csi.list({ slug })), orRespond(caller.responsibility.list({ slug })), orRespond(caller.psaTickets.list({ slug }))])
    : [[], [], [], null]
  // Action items sent to the PSA: the ticket's number and status as of the last sync (ADR 026), as roadmap items show them.
  const psaLinks = Object.fromEntries((psa?.items ?? []).filter((i) => i.itemKind === 'ACTION_ITEM' && i.link?.state === 'SENT').map((i) => [i.itemId, i.link!]))
  const linkOptions: Array<{ group: string; options: Array<{ value: string; label: string }> }> = [
    { group: 'SLA report', options: ['summary', 'by-priority', 'monthly', 'breaches', 'trends'].map((k) => ({ value: `SLA_SECTION|${k}`, label: k })) },
    { group: 'Roadmap', options: roadmap.map((r) => ({ value: `ROADMAP_ITEM|${r.id}`, label: r.title })) },
    { group: 'CSI register', options: csi.map((c) => ({ value: `CSI_ENTRY|${c.id}`, label: c.opportunity })) },
    { group: 'Responsibilities', options: responsibilities.map((r) => ({ value: `RESPONSIBILITY|${r.id}`, label: r.name })) },
    { group: 'Open action items', options: openItems.map((a) => ({ value: `ACTION_ITEM|${a.id}`, label: `${a.title} (${a.originQuarter})` })) },
  ].filter((g) => g.options.length > 0)
  return json({ qbr, history, linkOptions, psaLinks, minutes: acks.minutes, canAcknowledge: partnership.permissions.includes('pack.acknowledge'), myParty: partnership.myParty }, { headers })
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
  const entity = text(form, 'entity') as QbrEntity
  const target = intent === 'update' ? `${entity}:${id}` : intent === 'psa-close' ? `action:${id}` : intent
  const submitted = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const done = (message: string) => json<QbrActionResult>({ ok: true, message, target, conflict: null, submitted: null, fieldErrors: [] })
  try {
    switch (intent) {
      case 'update': {
        if (!(entity in QBR_DEFS)) break
        const { changes } = readVersionedForm(form, QBR_DEFS[entity])
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
        return done(`The QBR is ${enumLabel(text(form, 'status')).toLowerCase()} now.`)
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
      case 'psa-close':
        // The PSA closed the ticket: close the action item through its own versioned update (a stale version is a 409).
        await caller.psaTickets.closeItem({ slug, linkId: text(form, 'linkId'), baseVersion })
        return done('Action item closed, as its PSA ticket is.')
      case 'minutes-ack': {
        const r = await caller.acknowledgement.minutes({ slug, quarter: params.quarter ?? '', sha256: text(form, 'sha256') })
        return done(r.already ? 'Your side had already acknowledged these minutes.' : 'Minutes acknowledged.')
      }
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
    return json<QbrActionResult>({ ok: false, message: 'Unknown action', target, conflict: null, submitted: null, fieldErrors: [] }, { status: 400 })
  } catch (error) {
    const e = describeError(error)
    const conflict = e.status === 409 && e.details?.conflicts ? e.details : null
    return json<QbrActionResult>({ ok: false, message: e.message, target, conflict, submitted: intent === 'update' ? submitted : null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function QbrPage() {
  const { qbr, history, linkOptions, psaLinks, minutes, canAcknowledge, myParty } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as QbrActionResult | undefined
  const busy = useBusy()
  const p = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')!.partnership
  const kit = qbrKit({ qbr, p, result, busy })
  const locale = useLocale()
  const label = (q: string) => quarterLabel(q, p.fiscalYearStartMonth, locale)
  const agendaOptions = [{ value: '', label: '—' }, ...qbr.agenda.map((a) => ({ value: a.id, label: a.title }))]

  return (
    <>
      <p>
        <Link to={`/p/${p.slug}/qbrs`}>← QBRs</Link>
      </p>
      <div className="section-head">
        <h2>{qbr.title}</h2>
        <span>
          <span className={`badge status-${qbr.status.toLowerCase()}`} data-testid="qbr-status">
            {enumLabel(qbr.status)}
          </span>{' '}
          <span className="muted small">
            {label(qbr.quarter)} · version {qbr.version}
            {qbr.previousQuarter ? ` · follows ${label(qbr.previousQuarter)}` : ''}
          </span>
        </span>
      </div>
      <p>
        <Link to={`/p/${p.slug}/qbrs/${qbr.quarter}/narrative`}>Pack narrative</Link>
        <span className="muted small"> · the executive summary and section notes frozen with the {qbr.quarter} pack</span>
      </p>
      {kit.closed ? <p className="alert alert-warning">This QBR is closed: its agenda, minutes and decisions are the record and read-only. Action items can still be followed up.</p> : null}
      {['status', 'move', 'agenda-delete', 'decision-delete', 'attendee-remove'].map((t) => (
        <div key={t}>{kit.notice(t)}</div>
      ))}
      <WhenSection kit={kit} />
      <AttendeesSection kit={kit} />
      <AgendaSection kit={kit} linkOptions={linkOptions} />
      <DecisionsSection kit={kit} agendaOptions={agendaOptions} />
      <ActionItemsSection kit={kit} linkOptions={linkOptions} agendaOptions={agendaOptions} psaLinks={psaLinks} />
      <MinutesAckSection minutes={minutes} canAcknowledge={canAcknowledge} myParty={myParty} notice={kit.notice('minutes-ack')} />

      <h3 className="spaced">History of the QBR’s details</h3>
      <FieldHistory history={history} entityType="Qbr" describe={(h) => (h.field === 'agendaOrder' ? 'agenda reordered' : null)} />
      <p className="muted small">
        Calendar: UID <code>{qbr.icsUid}</code>, sequence {qbr.icsSequence}
      </p>
    </>
  )
}
