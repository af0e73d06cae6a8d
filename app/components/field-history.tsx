import { describeFieldValue, fieldLabel } from '../../server/workspace/field-labels.ts'
import { useLocale } from '~/utils/locale'
import { formatDateTime } from '~/utils/format'

export interface FieldChangeView {
  version: number
  field: string
  before?: unknown
  after?: unknown
  by: string
  at: string
}

/**
 * A co-edited record's field history as the API lists it: version, time, who, and the field's value before and after,
 * in words (the field's label, amounts rather than cents, days rather than instants). `entityType` picks the labels;
 * `describe` words a change whose values mean little shown at all (a reordered list of ids).
 */
export function FieldHistory({ history, entityType = '', describe }: { history: FieldChangeView[]; entityType?: string; describe?: (change: FieldChangeView) => string | null }) {
  const locale = useLocale()
  return (
    <ul className="timeline">
      {history.map((h) => (
        <li key={`${h.version}-${h.field}`}>
          <span className="muted small">
            v{h.version} · {formatDateTime(h.at, locale, 'UTC', true)} · {h.by}
          </span>{' '}
          <strong>{fieldLabel(entityType, h.field)}</strong>:{' '}
          {describe?.(h) ??
            (h.before === undefined || h.before === null ? '' : `${describeFieldValue(entityType, h.field, h.before, locale)} → `) + describeFieldValue(entityType, h.field, h.after, locale)}
        </li>
      ))}
    </ul>
  )
}
