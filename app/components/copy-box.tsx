import { useEffect, useState } from 'react'

/**
 * A value to copy (a token, a link, a command). The text is selectable without JavaScript; the Copy button
 * appears once the page is hydrated, because it needs the clipboard API.
 */
export function CopyBox({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [ready, setReady] = useState(false)
  const [copied, setCopied] = useState(false)
  useEffect(() => setReady(true), [])
  return (
    <div className="copy-row">
      <code className="copy-box" data-testid={testId}>
        {value}
      </code>
      {ready ? (
        <button
          type="button"
          className="button"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }}
        >
          {copied ? 'Copied' : 'Copy'}
          <span className="visually-hidden"> {label}</span>
        </button>
      ) : null}
      <span className="visually-hidden" role="status">
        {copied ? `${label} copied to the clipboard` : ''}
      </span>
    </div>
  )
}
