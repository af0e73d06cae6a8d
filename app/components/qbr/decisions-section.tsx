import { Form } from '@remix-run/react'
import { VersionedForm } from '~/components/versioned-form'
import { AddForm, type Options } from './add-form'
import type { QbrKit } from './qbr-kit'
import { DECISION_FIELDS } from './qbr-fields'

/** Decisions recorded at the QBR, each co-edited in place, then the form to record one. */
export function DecisionsSection({ kit, agendaOptions }: { kit: QbrKit; agendaOptions: Options }) {
  const { qbr, canEdit, busy, notice, formProps, addFormProps } = kit
  return (
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
              <button type="submit" className="link-button link-button-danger" disabled={busy}>
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
  )
}
