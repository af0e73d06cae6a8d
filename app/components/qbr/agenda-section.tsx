import { Form } from '@remix-run/react'
import { VersionedForm } from '~/components/versioned-form'
import { AddForm, type LinkGroups } from './add-form'
import type { QbrKit } from './qbr-kit'
import { AGENDA_FIELDS } from './qbr-fields'
import { enumLabel } from '~/utils/labels'

/** The agenda in order, each item with its minutes, move and remove buttons, then the add form. */
export function AgendaSection({ kit, linkOptions }: { kit: QbrKit; linkOptions: LinkGroups }) {
  const { qbr, canEdit, busy, notice, formProps, addFormProps, linkText } = kit
  const order = qbr.agenda.map((a) => a.id).join(',')
  return (
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
                <p className="small">Carried over from earlier QBRs: {carried.map((c) => `${c.title} (${enumLabel(c.status).toLowerCase()})`).join('; ')}</p>
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
  )
}
