import { LocalTime } from '~/components/local-time'
import { num } from '~/utils/format'

export interface DeliveryView {
  id: string
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

export function DeliveryLog({ deliveries, locale }: { deliveries: DeliveryView[]; locale: string }) {
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
