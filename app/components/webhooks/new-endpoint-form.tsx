import { Form } from '@remix-run/react'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { type EventChoice, EventChoices } from './event-choices'

export function NewEndpointForm({ events, fieldErrors, values, busy }: { events: EventChoice[]; fieldErrors: FieldErrorLike[]; values?: { url?: string; description?: string; events?: string[] }; busy: boolean }) {
  const urlError = fieldError(fieldErrors, 'url')
  return (
    <Form method="post" className="card" noValidate aria-labelledby="new-endpoint-heading">
      <h2 id="new-endpoint-heading">Add an endpoint</h2>
      <input type="hidden" name="intent" value="create" />
      <div className="field">
        <label htmlFor="webhook-url">URL</label>
        <p className="field-hint" id="webhook-url-hint">
          An HTTPS address of yours that accepts POST requests. Internal and private addresses are refused.
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          required
          maxLength={2000}
          autoComplete="off"
          placeholder="https://hooks.example.com/accord"
          defaultValue={values?.url ?? ''}
          aria-invalid={urlError ? true : undefined}
          aria-describedby={urlError ? 'webhook-url-error webhook-url-hint' : 'webhook-url-hint'}
        />
        <FieldMessage id="webhook-url-error" message={urlError} />
      </div>
      <div className="field">
        <label htmlFor="webhook-description">Description (optional)</label>
        <input id="webhook-description" name="description" maxLength={200} autoComplete="off" defaultValue={values?.description ?? ''} />
      </div>
      <EventChoices idPrefix="new" events={events} checked={values?.events ?? events.map((e) => e.value)} error={fieldError(fieldErrors, 'events')} />
      <button type="submit" className="button button-primary" disabled={busy}>
        Add endpoint
      </button>
    </Form>
  )
}
