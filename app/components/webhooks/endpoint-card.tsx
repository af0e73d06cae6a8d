import { Form } from '@remix-run/react'
import { LocalTime } from '~/components/local-time'
import { type EventChoice, EventChoices } from './event-choices'

export interface EndpointView {
  id: string
  url: string
  description: string
  events: string[]
  enabled: boolean
  secretHint: string
  version: number
  createdAt: string
}

function Action({ id, intent, label, busy, danger }: { id: string; intent: string; label: string; busy: boolean; danger?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className={danger ? 'button button-danger' : 'button'} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

export function EndpointCard({ endpoint: e, events, busy, eventsError }: { endpoint: EndpointView; events: EventChoice[]; busy: boolean; eventsError?: string }) {
  const prefix = `ep-${e.id.slice(0, 8)}`
  return (
    <section className="card" aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>
        <code>{e.url}</code> <span className={`badge ${e.enabled ? 'badge-active' : 'badge-ended'}`}>{e.enabled ? 'On' : 'Off'}</span>
      </h3>
      {e.description ? <p>{e.description}</p> : null}
      <p className="muted">
        Signing secret <code>{e.secretHint}</code> · added <LocalTime iso={e.createdAt} />
      </p>
      <Form method="post" noValidate aria-label={`Settings of ${e.url}`}>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="id" value={e.id} />
        <input type="hidden" name="baseVersion" value={e.version} />
        <EventChoices idPrefix={prefix} events={events} checked={e.events} error={eventsError} />
        <label className="check">
          <input type="checkbox" name="enabled" defaultChecked={e.enabled} /> On: deliver events to this endpoint
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
      </Form>
      <div className="button-row">
        <Action id={e.id} intent="test" label="Send test event" busy={busy || !e.enabled} />
        <Action id={e.id} intent="rotate" label="Rotate secret" busy={busy} />
        <Action id={e.id} intent="delete" label="Delete endpoint" busy={busy} danger />
      </div>
    </section>
  )
}
