import { Form } from '@remix-run/react'
import { AddForm } from './add-form'
import type { QbrKit } from './qbr-kit'

/** Who is invited, with remove buttons and the invite form (members suggested, external people by email). */
export function AttendeesSection({ kit }: { kit: QbrKit }) {
  const { qbr, p, canEdit, busy, notice, addFormProps, parties } = kit
  const members = [...p.msp.members.map((m) => ({ ...m, party: 'MSP' })), ...p.client.members.map((m) => ({ ...m, party: 'CLIENT' }))]
  const invited = new Set(qbr.attendees.map((a) => a.email))
  return (
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
                <button type="submit" className="link-button link-button-danger" disabled={busy} aria-label={`Remove ${a.name}`}>
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
  )
}
