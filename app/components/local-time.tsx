import { useEffect, useState } from 'react'

// The server does not know the reader's time zone: it renders UTC, and the browser swaps in local time after
// hydration (rendering local time on the server would not match the client's first render).
function utcText(iso: string, dateOnly: boolean): string {
  return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 16).replace('T', ' ')} UTC`
}

function localText(iso: string, dateOnly: boolean): string {
  const date = new Date(iso)
  return dateOnly
    ? date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
    : date.toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** An instant in the reader's local time, with the exact instant in dateTime and the tooltip. */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const [text, setText] = useState(() => utcText(iso, dateOnly))
  useEffect(() => setText(localText(iso, dateOnly)), [iso, dateOnly])
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  )
}
