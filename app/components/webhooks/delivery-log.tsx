import { Form } from '@remix-run/react'
import { LocalTime } from '~/components/local-time'
import { num } from '~/utils/format'

export interface DeliveryView {
  id: string
  endpointId: string
  eventId: string
  endpointUrl: string
  event: string
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED'
  attempts: number
  responseStatus: number | null
  error: string | null
  nextAttemptAt: string | null
  lastAttemptAt: string | null
  createdAt: string
}

const STATUS = { PENDING: 'Pending', SUCCEEDED: 'Delivered', FAILED: 'Failed' } as const

/** A failed delivery may be sent again unless it already was: a newer row of the same event to the same endpoint. */
function resendable(d: DeliveryView, all: readonly DeliveryView[]): boolean {
  return d.status === 'FAILED' && !all.some((o) => o.id !== d.id && o.eventId === d.eventId && o.endpointId === d.endpointId && o.createdAt > d.createdAt)
}

export function DeliveryLog({ deliveries, locale, busy = false }: { deliveries: DeliveryView[]; locale: string; busy?: boolean }) {
  if (deliveries.length === 0) return <p className="empty">No deliveries yet.</p>
  return (
    <div className="table-wrap">
      <table className="table-stack">
        <caption className="visually-hidden">Webhook deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Queued</th>
            <th scope="col">Event</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Response</th>
            <th scope="col">Next attempt</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id}>
              <td>
                <LocalTime iso={d.createdAt} />
              </td>
              <td>
                <code>{d.event}</code>
              </td>
              <td>
                <code>{d.endpointUrl}</code>
              </td>
              <td>{STATUS[d.status]}</td>
              <td>{num(d.attempts, 0, locale)}</td>
              <td>{d.responseStatus !== null ? `HTTP ${d.responseStatus}` : (d.error ?? '—')}</td>
              <td>{d.nextAttemptAt ? <LocalTime iso={d.nextAttemptAt} /> : '—'}</td>
              <td>
                {resendable(d, deliveries) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="id" value={d.id} />
                    <button type="submit" className="button" disabled={busy} aria-label={`Send the ${d.event} event to ${d.endpointUrl} again`}>
                      Send again
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
