import { inZone, pct } from '~/utils/format'
import { TicketCell } from '~/components/ticket-cell'
import { useLocale } from '~/utils/locale'

// The SLA page's part: attainment computed and agreed side by side, and the quarter's disputes, open then settled.

interface Tally {
  met: number
  breached: number
  attainment: number | null
}
type Totals = Record<'response' | 'resolution', { overall: Tally }>

interface DisputeLine {
  id: string
  externalId: string
  title: string
  metric: string
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED'
  computedVerdict: string
  agreedVerdict: string | null
  decidedAt: string
  reason: string
  raisedBy: string
  answer: string | null
  answeredBy: string | null
}

export function ComputedVsAgreed({ totals, agreed }: { totals: Totals; agreed: Totals }) {
  return (
    <section className="card" aria-labelledby="agreed-heading">
      <h3 id="agreed-heading">Attainment, computed and agreed</h3>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Computed</th>
              <th scope="col">Agreed</th>
            </tr>
          </thead>
          <tbody>
            {(['response', 'resolution'] as const).map((m) => (
              <tr key={m} data-metric={m}>
                <th scope="row">{m === 'response' ? 'Response' : 'Resolution'}</th>
                <td data-figure="computed">
                  {pct(totals[m].overall.attainment)} <span className="muted">({totals[m].overall.met}/{totals[m].overall.met + totals[m].overall.breached})</span>
                </td>
                <td data-figure="agreed">
                  {pct(agreed[m].overall.attainment)} <span className="muted">({agreed[m].overall.met}/{agreed[m].overall.met + agreed[m].overall.breached})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Agreed figures count the verdicts of accepted disputes as agreed; computed figures are Accord’s from the ticket timestamps.</p>
    </section>
  )
}

export function DisputesList({ slug, zone, disputes }: { slug: string; zone: string; disputes: DisputeLine[] }) {
  const open = disputes.filter((d) => d.status === 'OPEN')
  const settled = disputes.filter((d) => d.status !== 'OPEN')
  return (
    <section className="spaced" aria-labelledby="disputes-list-heading">
      <h3 id="disputes-list-heading">Disputed verdicts</h3>
      <h4>Open ({open.length})</h4>
      <DisputeTable slug={slug} zone={zone} rows={open} empty="No open disputes this quarter." />
      <h4 className="spaced">Settled ({settled.length})</h4>
      <DisputeTable slug={slug} zone={zone} rows={settled} empty="No settled disputes this quarter." />
    </section>
  )
}

function DisputeTable({ slug, zone, rows, empty }: { slug: string; zone: string; rows: DisputeLine[]; empty: string }) {
  const locale = useLocale()
  if (rows.length === 0) return <p className="empty">{empty}</p>
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Ticket</th>
            <th scope="col">Verdict</th>
            <th scope="col">Outcome</th>
            <th scope="col">Raised</th>
            <th scope="col">Answer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>
                <TicketCell slug={slug} ticket={d} hash={`dispute-${d.id}`} />
              </td>
              <td>
                {d.metric} <span className={`badge verdict-${d.computedVerdict}`}>{d.computedVerdict}</span>
                <br />
                <span className="muted small">decided {inZone(d.decidedAt, zone, locale)}</span>
              </td>
              <td>
                {d.status === 'ACCEPTED' ? (
                  <>
                    accepted → <span className={`badge verdict-${d.agreedVerdict}`}>{d.agreedVerdict}</span>
                  </>
                ) : d.status === 'REJECTED' ? (
                  'rejected'
                ) : (
                  'awaiting the MSP'
                )}
              </td>
              <td>
                {d.raisedBy}: <span className="muted">{d.reason}</span>
              </td>
              <td>{d.answer ? `${d.answeredBy}: ${d.answer}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
