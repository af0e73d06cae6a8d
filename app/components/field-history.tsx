import { fieldLabel, valueLabel } from '~/utils/labels'

export interface FieldChangeView {
  version: number
  field: string
  before?: unknown
  after?: unknown
  by: string
  at: string
}

/**
 * A co-edited record's field history as the API lists it: version, time, who, and the field's value before and after.
 * `describe` words a change whose values mean little shown raw (a reordered list of ids).
 */
export function FieldHistory({ history, describe }: { history: FieldChangeView[]; describe?: (change: FieldChangeView) => string | null }) {
  return (
    <ul className="timeline">
      {history.map((h) => (
        <li key={`${h.version}-${h.field}`}>
          <span className="muted small">
            v{h.version} · {h.at.slice(0, 16).replace('T', ' ')} · {h.by}
          </span>{' '}
          {fieldLabel(h.field)}: {describe?.(h) ?? `${valueLabel(h.field, h.before)} → ${valueLabel(h.field, h.after)}`}
        </li>
      ))}
    </ul>
  )
}
