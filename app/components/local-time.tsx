import { useEffect, useState } from 'react'
import { formatDate, formatDateTime } from '~/utils/format'
import { useLocale } from '~/utils/locale'

// The server does not know the reader's time zone: it renders UTC, and the browser swaps in local time after
// hydration (rendering local time on the server would not match the client's first render). Both use the reader's
// locale from Accept-Language, in the one date format of that locale.
function utcText(iso: string, dateOnly: boolean, locale: string): string {
  return dateOnly ? formatDate(iso, locale, 'UTC') : `${formatDateTime(iso, locale, 'UTC')} UTC`
}

function localText(iso: string, dateOnly: boolean, locale: string): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
  return dateOnly ? formatDate(iso, locale, zone) : formatDateTime(iso, locale, zone)
}

/** An instant in the reader's local time, with the exact instant in dateTime and the tooltip. */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const locale = useLocale()
  const [text, setText] = useState(() => utcText(iso, dateOnly, locale))
  useEffect(() => setText(localText(iso, dateOnly, locale)), [iso, dateOnly, locale])
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  )
}
