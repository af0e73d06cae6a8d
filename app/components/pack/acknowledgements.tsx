import { Form } from '@remix-run/react'
import { LocalTime } from '~/components/local-time'
import { enumLabel } from '~/utils/labels'

export interface AckView {
  party: 'MSP' | 'CLIENT'
  by: string
  role: string
  at: string
  wasLatest: boolean
}

/** "Casey Morgan <casey@…>" reads as "Casey Morgan". */
const person = (label: string) => label.replace(/\s*<[^>]*>\s*$/, '') || label

/** Who acknowledged this (a pack version or the minutes), when, and whether it was the latest then. */
export function AcknowledgementList({ acks, what }: { acks: AckView[]; what: 'version' | 'minutes' }) {
  if (acks.length === 0) return <span className="muted">Not acknowledged yet</span>
  return (
    <ul className="plain-list">
      {acks.map((a) => (
        <li key={`${a.party}-${a.at}`}>
          ✓ Acknowledged by {person(a.by)} ({enumLabel(a.role)}) on <LocalTime iso={a.at} />
          {a.wasLatest ? null : <strong> — {what === 'version' ? 'not the latest version when acknowledged' : 'an earlier text of the minutes'}</strong>}
        </li>
      ))}
    </ul>
  )
}

/** The button for the caller's party, by the hash the reader is shown (the action posts it back). */
export function AcknowledgeButton({ intent, fields, label }: { intent: string; fields: Record<string, string>; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="button button-small">
        {label}
      </button>
    </Form>
  )
}
