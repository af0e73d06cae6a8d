import { useState } from 'react'

interface Outcome {
  summary?: { rows: number; inserted: number; updated: number; unchanged: number; metrics: string[]; naiveTimestamps: boolean; timezone: string }
  error?: { message: string; details?: { errors?: Array<{ line: number; field: string; message: string }> } }
}

/** Metric samples from CSV (ADR 024): all or nothing, so the answer is the summary or every bad line. */
export function MetricsImportForm({ slug, columns }: { slug: string; columns: string[] }) {
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  async function upload() {
    if (!file) return
    setBusy(true)
    setOutcome(null)
    try {
      const response = await fetch(`/api/partnerships/${slug}/metrics-csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: file })
      setOutcome((await response.json()) as Outcome)
    } catch {
      setOutcome({ error: { message: 'The upload did not reach the server; try again.' } })
    } finally {
      setBusy(false)
    }
  }
  const s = outcome?.summary
  return (
    <section className="card spaced" aria-labelledby="metrics-import">
      <h3 id="metrics-import">Import metric samples</h3>
      <p className="muted">
        Columns <code>{columns.join(',')}</code> (source optional). Any metric name in lower case (uptime, backup_success, patch_compliance or your own);
        its unit and target are set in the SLA policy. A file with a bad row imports nothing; re-importing the same file changes nothing.
      </p>
      <div className="field">
        <label htmlFor="metrics-csv">Metrics CSV file</label>
        <input id="metrics-csv" type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      </div>
      <p>
        <button type="button" className="button" onClick={upload} disabled={!file || busy}>
          Import metrics
        </button>
      </p>
      {s ? (
        <p className="alert alert-success" role="status">
          {s.rows} rows: inserted {s.inserted}, updated {s.updated}, unchanged {s.unchanged} ({s.metrics.join(', ') || 'no metric'}).
          {s.naiveTimestamps ? ` Timestamps without an offset were read in ${s.timezone}.` : ''}
        </p>
      ) : null}
      {outcome?.error ? (
        <div className="alert alert-error" role="alert">
          <p>{outcome.error.message}</p>
          {outcome.error.details?.errors?.length ? (
            <ul>
              {outcome.error.details.errors.map((e) => (
                <li key={`${e.line}-${e.field}`}>
                  Line {e.line}, <code>{e.field}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
