import { AcknowledgeButton, type AckView, AcknowledgementList } from '~/components/pack/acknowledgements'

/** The minutes as they stand, their hash, and who acknowledged them (ADR 027); the button for the caller's party. */
export function MinutesAckSection({ minutes, canAcknowledge, myParty, notice }: { minutes: { sha256: string; acknowledgements: AckView[] } | null; canAcknowledge: boolean; myParty: 'MSP' | 'CLIENT'; notice: React.ReactNode }) {
  if (!minutes) return null
  const mine = minutes.acknowledgements.some((a) => a.party === myParty && a.wasLatest)
  return (
    <section className="card section-card" aria-labelledby="minutes-ack-heading">
      <h3 id="minutes-ack-heading">Minutes acknowledged</h3>
      <p className="muted small">
        After the QBR, the account manager and the client’s executive each acknowledge the minutes as they stand (agenda minutes and decisions),
        SHA-256 <code title={minutes.sha256}>{minutes.sha256.slice(0, 16)}…</code>
      </p>
      {notice}
      <AcknowledgementList what="minutes" acks={minutes.acknowledgements} />
      {canAcknowledge && !mine ? <AcknowledgeButton intent="minutes-ack" label="Acknowledge these minutes" fields={{ sha256: minutes.sha256 }} /> : null}
    </section>
  )
}
