import { Form } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { FieldMessage, fieldError } from '~/components/forms'
import { duration, inZone } from '~/utils/format'
import { useLocale } from '~/utils/locale'

// The dispute thread of one ticket and its forms: the client raises (reason), the MSP accepts (agreed verdict and
// reason) or rejects (answer). Bounds come from the procedures' schema (REASON_MIN/MAX) via the loader.

interface Dispute {
  id: string
  metric: 'response' | 'resolution'
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED'
  computedVerdict: 'met' | 'breached'
  agreedVerdict: 'met' | 'breached' | null
  elapsedMinutes: number
  targetMinutes: number
  version: number
  events: Array<{ kind: string; party: 'MSP' | 'CLIENT'; by: string; body: string; agreedVerdict: string | null; at: string }>
}

interface Result {
  intent: string
  ok: boolean
  message: string
  disputeId: string | null
  fieldErrors: Array<{ field: string; message: string }>
}

interface Props {
  disputes: Dispute[]
  /** The metrics whose verdict is decided (only those can be disputed). */
  decided: Array<'response' | 'resolution'>
  canRaise: boolean
  canAnswer: boolean
  zone: string
  bounds: { min: number; max: number }
  result: Result | undefined
}

const STEP: Record<string, string> = { RAISED: 'disputed', ACCEPTED: 'accepted', REJECTED: 'rejected' }
const label = (m: string) => (m === 'response' ? 'Response' : 'Resolution')

export function DisputeThread({ disputes, decided, canRaise, canAnswer, zone, bounds, result }: Props) {
  const locale = useLocale()
  const busy = useBusy()
  const live = new Set(disputes.filter((d) => d.status !== 'REJECTED').map((d) => d.metric))
  const open = decided.filter((m) => !live.has(m))
  const errorsFor = (intent: string, id: string | null) => (result && !result.ok && result.intent === intent && result.disputeId === id ? result.fieldErrors : [])
  const alert = (intent: string, id: string | null) =>
    result && result.intent === intent && result.disputeId === id ? (
      <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
        {result.message}
      </div>
    ) : null
  const raiseErrors = errorsFor('raise-dispute', null)
  return (
    <section className="spaced disputes" aria-labelledby="disputes-heading">
      <h3 id="disputes-heading">Disputes</h3>
      {result?.ok && result.intent === 'raise-dispute' ? alert('raise-dispute', result.disputeId) : null}
      {disputes.length === 0 ? <p className="muted">No verdict of this ticket has been disputed.</p> : null}
      {disputes.map((d) => (
        <article className="card dispute" id={`dispute-${d.id}`} key={d.id} aria-label={`${label(d.metric)} dispute`}>
          <h4>
            {label(d.metric)} verdict <span className={`badge verdict-${d.computedVerdict}`}>{d.computedVerdict}</span> ·{' '}
            <span className={`badge dispute-${d.status.toLowerCase()}`}>{d.status === 'OPEN' ? 'open' : d.status === 'ACCEPTED' ? `accepted: agreed ${d.agreedVerdict}` : 'rejected'}</span>
          </h4>
          <p className="muted small">
            Computed: {duration(d.elapsedMinutes)} against a target of {duration(d.targetMinutes)}.
          </p>
          <ol className="dispute-events">
            {d.events.map((e, i) => (
              <li key={i}>
                <strong>{e.by}</strong> <span className={`badge badge-party-${e.party.toLowerCase()}`}>{e.party === 'MSP' ? 'MSP' : 'client'}</span> {STEP[e.kind]}
                {e.agreedVerdict ? ` (agreed: ${e.agreedVerdict})` : ''} <span className="muted small">{inZone(e.at, zone, locale)}</span>
                <p>{e.body}</p>
              </li>
            ))}
          </ol>
          {alert('accept-dispute', d.id) ?? alert('reject-dispute', d.id)}
          {d.status === 'OPEN' && canAnswer ? <AnswerForms dispute={d} busy={busy} bounds={bounds} errors={{ accept: errorsFor('accept-dispute', d.id), reject: errorsFor('reject-dispute', d.id) }} /> : null}
        </article>
      ))}
      {canRaise && open.length ? (
        <Form method="post" className="card dispute-raise" aria-labelledby="raise-heading" key={disputes.length}>
          <h4 id="raise-heading">Dispute a verdict</h4>
          {result && !result.ok && result.intent === 'raise-dispute' ? (
            <div className="alert alert-error" role="alert">
              {result.message}
            </div>
          ) : null}
          <input type="hidden" name="intent" value="raise-dispute" />
          <div className="field">
            <label htmlFor="dispute-metric">Verdict</label>
            <select id="dispute-metric" name="metric" defaultValue={open[0]}>
              {open.map((m) => (
                <option key={m} value={m}>
                  {label(m)}
                </option>
              ))}
            </select>
            <FieldMessage id="dispute-metric-error" message={fieldError(raiseErrors, 'metric')} />
          </div>
          <div className="field">
            <label htmlFor="dispute-reason">Why is it wrong?</label>
            <textarea id="dispute-reason" name="reason" rows={3} minLength={bounds.min} maxLength={bounds.max} required aria-describedby="dispute-reason-error" />
            <FieldMessage id="dispute-reason-error" message={fieldError(raiseErrors, 'reason')} />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Send dispute to the MSP
          </button>
        </Form>
      ) : null}
    </section>
  )
}

function AnswerForms({ dispute: d, busy, bounds, errors }: { dispute: Dispute; busy: boolean; bounds: Props['bounds']; errors: { accept: Result['fieldErrors']; reject: Result['fieldErrors'] } }) {
  const other = d.computedVerdict === 'met' ? 'breached' : 'met'
  return (
    <div className="grid-2 spaced">
      <Form method="post" aria-label="Accept the dispute">
        <input type="hidden" name="intent" value="accept-dispute" />
        <input type="hidden" name="id" value={d.id} />
        <input type="hidden" name="baseVersion" value={d.version} />
        <div className="field">
          <label htmlFor={`agreed-${d.id}`}>Agreed verdict</label>
          <select id={`agreed-${d.id}`} name="agreedVerdict" defaultValue={other}>
            <option value="met">met</option>
            <option value="breached">breached</option>
          </select>
          <FieldMessage id={`agreed-${d.id}-error`} message={fieldError(errors.accept, 'agreedVerdict')} />
        </div>
        <div className="field">
          <label htmlFor={`accept-reason-${d.id}`}>Reason for accepting</label>
          <textarea id={`accept-reason-${d.id}`} name="reason" rows={2} minLength={bounds.min} maxLength={bounds.max} required />
          <FieldMessage id={`accept-reason-${d.id}-error`} message={fieldError(errors.accept, 'reason')} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Accept
        </button>
      </Form>
      <Form method="post" aria-label="Reject the dispute">
        <input type="hidden" name="intent" value="reject-dispute" />
        <input type="hidden" name="id" value={d.id} />
        <input type="hidden" name="baseVersion" value={d.version} />
        <div className="field">
          <label htmlFor={`reject-answer-${d.id}`}>Answer (why the verdict stands)</label>
          <textarea id={`reject-answer-${d.id}`} name="answer" rows={2} minLength={bounds.min} maxLength={bounds.max} required />
          <FieldMessage id={`reject-answer-${d.id}-error`} message={fieldError(errors.reject, 'answer')} />
        </div>
        <button type="submit" className="button button-danger" disabled={busy}>
          Reject
        </button>
      </Form>
    </div>
  )
}
