import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useParams } from '@remix-run/react'
import { useState } from 'react'
import { num } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { CSV_COLUMNS, METRIC_CSV_COLUMNS, REQUIRED_CSV_COLUMNS, orRespond, requireApi } from '~/api.server'
import { MetricsImportForm } from '~/components/sla/metrics-import-form'

export const meta: MetaFunction = () => [{ title: 'Import tickets · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const p = await orRespond(caller.partnership.get({ slug: params.slug ?? '' }))
  if (!p.permissions.includes('ticket.write')) throw json({ message: 'Only the MSP’s people import tickets' }, { status: 403 })
  return json({ columns: [...CSV_COLUMNS] as string[], required: [...REQUIRED_CSV_COLUMNS] as string[], metricColumns: [...METRIC_CSV_COLUMNS] as string[] }, { headers })
}

interface Summary {
  inserted: number
  updated: number
  unchanged: number
  rejected: number
  errors: Array<{ line: number; field: string; message: string }>
  naiveTimestamps: boolean
  timezone: string
}

/** A naive CSV split, good enough for a preview of the first lines (the server parses properly). */
function previewRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 6)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')))
}

export default function ImportTickets() {
  const locale = useLocale()
  const { columns, required, metricColumns } = useLoaderData<typeof loader>()
  const { slug } = useParams()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<string[][]>([])
  const [progress, setProgress] = useState<{ sent: number; rows: number } | null>(null)
  const [summary, setSummary] = useState<Summary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const header = preview[0] ?? []
  const missing = required.filter((c) => !header.includes(c))
  const unknown = header.filter((c) => !columns.includes(c))

  function choose(f: File | null) {
    setFile(f)
    setSummary(null)
    setError(null)
    setProgress(null)
    if (!f) return setPreview([])
    f.slice(0, 64 * 1024)
      .text()
      .then((text) => setPreview(previewRows(text)))
  }

  function upload() {
    if (!file) return
    setSummary(null)
    setError(null)
    setProgress({ sent: 0, rows: 0 })
    // XMLHttpRequest, not fetch: it reports upload progress, and the NDJSON answer arrives line by line.
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/partnerships/${slug}/tickets-csv`)
    xhr.setRequestHeader('Content-Type', 'text/csv')
    let seen = 0
    const read = () => {
      const text = xhr.responseText
      const lines = text.slice(seen).split('\n')
      const complete = lines.slice(0, -1)
      seen += complete.reduce((n, l) => n + l.length + 1, 0)
      for (const l of complete) {
        const msg = JSON.parse(l)
        if (msg.progress) setProgress((p) => ({ sent: p?.sent ?? file.size, rows: msg.progress.rows }))
        if (msg.summary) setSummary(msg.summary)
        if (msg.error) setError(msg.error.message ?? 'The import failed')
      }
    }
    xhr.upload.onprogress = (e) => setProgress((p) => ({ rows: p?.rows ?? 0, sent: e.loaded }))
    xhr.onprogress = read
    xhr.onload = () => {
      read()
      if (xhr.status >= 400) {
        try {
          setError(JSON.parse(xhr.responseText).error?.message ?? `Failed (${xhr.status})`)
        } catch {
          setError(`Failed (${xhr.status})`)
        }
      }
    }
    xhr.onerror = () => setError('The upload was interrupted')
    xhr.send(file)
  }

  const percent = progress && file ? Math.min(100, Math.round((100 * progress.sent) / Math.max(1, file.size))) : 0
  return (
    <>
      <p>
        <Link to={`/p/${slug}/sla`}>← SLAs</Link>
      </p>
      <h2>Import tickets from CSV</h2>
      <p className="muted">
        Columns by header name: <code>{columns.join(',')}</code>. Required: {required.join(', ')}. Timestamps in ISO 8601 (with an offset or Z; without
        one they are read in the policy’s timezone). Pauses as <code>start/end;start/end</code>. Re-importing the same file changes nothing.
      </p>
      <div className="field">
        <label htmlFor="csv">CSV file</label>
        <input id="csv" type="file" accept=".csv,text/csv" onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
      </div>
      {preview.length ? (
        <section className="card">
          <h3>Preview of {file?.name}</h3>
          {missing.length ? <p className="alert alert-error">Missing required column(s): {missing.join(', ')}</p> : null}
          {unknown.length ? <p className="alert alert-error">Unknown column(s): {unknown.join(', ')}</p> : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  {header.map((h) => (
                    <th key={h} scope="col">
                      {h} {columns.includes(h) ? '✓' : '✗'}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.slice(1).map((row, i) => (
                  <tr key={i}>
                    {row.map((c, j) => (
                      <td key={j}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <button type="button" className="button button-primary" onClick={upload} disabled={missing.length > 0 || unknown.length > 0 || (progress !== null && !summary && !error)}>
              Import {file ? `${(file.size / 1024 / 1024).toFixed(1)} MB` : ''}
            </button>
          </p>
        </section>
      ) : null}
      {progress ? (
        <div className="card spaced" aria-live="polite">
          <label htmlFor="import-progress">
            Uploaded {percent}% · {num(progress.rows, 0, locale)} rows processed
          </label>
          <progress id="import-progress" className="progress" max={100} value={percent} />
        </div>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {summary ? (
        <div className="alert alert-success" role="status" data-testid="import-summary">
          <p>
            Inserted {summary.inserted}, updated {summary.updated}, unchanged {summary.unchanged}, rejected {summary.rejected}.
            {summary.naiveTimestamps ? ` Timestamps without an offset were read in ${summary.timezone}.` : ''}
          </p>
          {summary.errors.length ? (
            <ul>
              {summary.errors.map((e) => (
                <li key={`${e.line}-${e.field}`}>
                  Line {e.line}, <code>{e.field}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <MetricsImportForm slug={slug ?? ''} columns={metricColumns} />
    </>
  )
}
