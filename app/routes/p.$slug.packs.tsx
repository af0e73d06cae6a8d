import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from '@remix-run/react'
import { useState } from 'react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'
import { quarterOf, shiftQuarter } from '~/utils/format'

export const meta: MetaFunction = () => [{ title: 'QBR packs · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [versions, partnership] = await Promise.all([orRespond(caller.pack.list({ slug })), orRespond(caller.partnership.get({ slug }))])
  return json({ slug, versions, canGenerate: partnership.permissions.includes('pack.generate'), defaultQuarter: shiftQuarter(quarterOf(), -1) }, { headers })
}

const MAX_UPLOAD = 20 * 1024 * 1024

/** Verify an uploaded file against the frozen versions (the hash is computed on the server from the bytes). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const form = await request.formData()
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return json({ result: null, fieldErrors: [{ field: 'file', message: 'Choose the PDF to check' }] }, { status: 400, headers })
  if (file.size > MAX_UPLOAD) return json({ result: null, fieldErrors: [{ field: 'file', message: 'At most 20 MB' }] }, { status: 400, headers })
  try {
    const fileBase64 = Buffer.from(await file.arrayBuffer()).toString('base64')
    const result = await caller.pack.verify({ slug: params.slug ?? '', fileBase64 })
    return json({ result: { ...result, name: file.name }, fieldErrors: [] as Array<{ field: string; message: string }> }, { headers })
  } catch (error) {
    const e = describeError(error)
    if (e.status !== 400) throw json({ message: e.message }, { status: e.status })
    return json({ result: null, fieldErrors: e.fieldErrors }, { status: 400, headers })
  }
}

type Progress = { stage: string; done: number; total: number }
const STAGES: Record<string, string> = { gather: 'Gathering figures', render: 'Drawing the PDF', store: 'Freezing the version' }

export default function Packs() {
  const { slug, versions, canGenerate, defaultQuarter } = useLoaderData<typeof loader>()
  const verify = useActionData<typeof action>()
  const navigation = useNavigation()
  const revalidator = useRevalidator()
  const [quarter, setQuarter] = useState(defaultQuarter)
  const [asOf, setAsOf] = useState('')
  const [progress, setProgress] = useState<Progress | null>(null)
  const [error, setError] = useState<{ message: string; fieldErrors: Array<{ field: string; message: string }> } | null>(null)
  const [generated, setGenerated] = useState<{ quarter: string; version: number; sha256: string } | null>(null)

  async function generate() {
    setError(null)
    setGenerated(null)
    setProgress({ stage: 'gather', done: 0, total: 1 })
    const response = await fetch(`/api/partnerships/${slug}/packs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ quarter, ...(asOf ? { asOf: new Date(asOf).toISOString() } : {}) }),
    })
    if (!response.body || !response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message: string } } | null
      setError({ message: body?.error?.message ?? `Generation failed (${response.status})`, fieldErrors: [] })
      setProgress(null)
      return
    }
    // NDJSON: progress lines as the pack is drawn, then the version or an error.
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffered = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buffered += value
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines.filter(Boolean)) {
        const msg = JSON.parse(line)
        if (msg.progress) setProgress(msg.progress)
        if (msg.version) setGenerated(msg.version)
        if (msg.error) setError(msg.error)
      }
    }
    setProgress(null)
    revalidator.revalidate()
  }

  const busy = progress !== null
  const quarterError = fieldError(error?.fieldErrors, 'quarter')
  const asOfError = fieldError(error?.fieldErrors, 'asOf')
  const verifyError = fieldError(verify?.fieldErrors, 'file')
  return (
    <>
      <div className="section-head">
        <h2>QBR packs</h2>
      </div>
      {canGenerate ? (
        <section className="card">
          <h3>Generate a pack</h3>
          <p className="muted">Draws the pack from live figures as of the instant you choose (now if empty) and freezes it as a new version: a stored version never changes.</p>
          <div className="form-row">
            <label htmlFor="pack-quarter">Quarter</label>
            <input id="pack-quarter" name="quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)} pattern="\d{4}-Q[1-4]" aria-invalid={quarterError ? true : undefined} aria-describedby="pack-quarter-error" />
            <FieldMessage id="pack-quarter-error" message={quarterError} />
            <label htmlFor="pack-as-of">As of (optional)</label>
            <input id="pack-as-of" name="asOf" type="datetime-local" value={asOf} onChange={(e) => setAsOf(e.target.value)} aria-invalid={asOfError ? true : undefined} aria-describedby="pack-as-of-error" />
            <FieldMessage id="pack-as-of-error" message={asOfError} />
            <button type="button" className="button button-primary" onClick={generate} disabled={busy}>
              Generate pack
            </button>
          </div>
          {progress ? (
            <div role="status">
              <label htmlFor="pack-progress">
                {STAGES[progress.stage] ?? progress.stage}: {progress.done} of {progress.total}
              </label>
              <progress id="pack-progress" className="progress" max={progress.total} value={progress.done} />
            </div>
          ) : null}
          {error ? (
            <p className="error" role="alert">
              {error.message}
            </p>
          ) : null}
          {generated ? (
            <p role="status">
              Version {generated.version} of {generated.quarter} is frozen (SHA-256 <code>{generated.sha256.slice(0, 16)}…</code>).{' '}
              <a href={`/p/${slug}/packs/${generated.quarter}/v${generated.version}.pdf`}>Download</a>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card">
        <h3>Versions</h3>
        {versions.length === 0 ? (
          <p className="empty">No pack has been generated yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Quarter</th>
                  <th scope="col">Version</th>
                  <th scope="col">As of</th>
                  <th scope="col">Generated by</th>
                  <th scope="col">Generated</th>
                  <th scope="col">SHA-256</th>
                  <th scope="col">Pages</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={`${v.quarter}-${v.version}`}>
                    <td>{v.quarter}</td>
                    <td>v{v.version}</td>
                    <td>
                      <LocalTime iso={v.asOf} />
                    </td>
                    <td>{v.generatedBy}</td>
                    <td>
                      <LocalTime iso={v.generatedAt} />
                    </td>
                    <td>
                      <code title={v.sha256}>{v.sha256.slice(0, 16)}…</code>
                    </td>
                    <td>{v.pages}</td>
                    <td>
                      <a href={`/p/${slug}/packs/${v.quarter}/v${v.version}.pdf`}>PDF</a> · <Link to={`/p/${slug}/packs/present/${v.quarter}?version=${v.version}`}>Present</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h3>Verify a file</h3>
        <p className="muted">Is this PDF one of the frozen packs? Its SHA-256 is compared with every stored version.</p>
        <Form method="post" encType="multipart/form-data" className="form-row">
          <label htmlFor="verify-file">PDF file</label>
          <input id="verify-file" name="file" type="file" accept="application/pdf" aria-invalid={verifyError ? true : undefined} aria-describedby="verify-file-error" />
          <FieldMessage id="verify-file-error" message={verifyError} />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            Verify
          </button>
        </Form>
        {verify?.result ? (
          <p className="verify-result" role="status">
            {verify.result.match ? (
              <>
                ✓ {verify.result.name} is version {verify.result.match.version} of {verify.result.match.quarter}, generated by {verify.result.match.generatedBy}.
              </>
            ) : (
              <>✗ {verify.result.name} matches no stored version (SHA-256 {verify.result.sha256.slice(0, 16)}…).</>
            )}
          </p>
        ) : null}
      </section>
    </>
  )
}
