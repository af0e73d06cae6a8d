import { useRevalidator } from '@remix-run/react'
import { useState } from 'react'
import { num } from '~/utils/format'

interface Summary {
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errors: Array<{ line: number; field: string; message: string }>
}

/** Uploads a CSV of assets to the streamed import and shows its summary, with the rejected rows by line. */
export function AssetUpload({ slug, columns, locale }: { slug: string; columns: string[]; locale: string }) {
  const [file, setFile] = useState<File | null>(null)
  const [summary, setSummary] = useState<Summary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const revalidator = useRevalidator()

  async function upload() {
    if (!file) return
    setBusy(true)
    setSummary(null)
    setError(null)
    try {
      const response = await fetch(`/api/partnerships/${slug}/assets-csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file })
      const body = (await response.json()) as { summary?: Summary; error?: { message: string } }
      if (body.summary) setSummary(body.summary)
      else setError(body.error?.message ?? `The import failed (HTTP ${response.status})`)
      revalidator.revalidate()
    } catch {
      setError('The upload did not reach the server; try again')
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="asset-import">
      <h2 id="asset-import">Import assets from a CSV</h2>
      <p className="muted small">
        Columns: <code>{columns.join(',')}</code>. Dates as 2027-03-31, cost in the currency’s units. Rows are matched by <code>externalId</code>: importing the same file again changes nothing.
      </p>
      <label htmlFor="asset-file">CSV file</label>
      <input id="asset-file" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <button type="button" className="button" disabled={!file || busy} onClick={upload}>
        {busy ? 'Importing…' : 'Import'}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {summary ? (
        <div role="status">
          <p>
            {num(summary.inserted, 0, locale)} added, {num(summary.updated, 0, locale)} updated, {num(summary.unchanged, 0, locale)} unchanged, {num(summary.rejected, 0, locale)} rejected.
          </p>
          {summary.errors.length ? (
            <ul>
              {summary.errors.map((e) => (
                <li key={`${e.line}-${e.field}`}>
                  Line {e.line}, {e.field}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
