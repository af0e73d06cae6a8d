import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { type SerializeFrom, json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'
import { AcknowledgeButton, AcknowledgementList } from '~/components/pack/acknowledgements'
import { packQuarter } from '~/utils/default-quarter'
import { useRevalidateWhile } from '~/utils/use-revalidate-while'

export const meta: MetaFunction = () => [{ title: 'QBR packs · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  // The generation this page follows is in its URL (the action's redirect), so a reload keeps following it.
  const jobId = new URL(request.url).searchParams.get('job')
  const [versions, partnership, job, qbrs] = await Promise.all([
    orRespond(caller.pack.list({ slug })),
    orRespond(caller.partnership.get({ slug })),
    jobId ? orRespond(caller.pack.job({ slug, id: jobId })) : null,
    orRespond(caller.qbr.list({ slug })),
  ])
  // Who acknowledged which version, per quarter listed (a partnership has a handful).
  const quarters = [...new Set(versions.map((v) => v.quarter))]
  const acks = (await Promise.all(quarters.map((quarter) => orRespond(caller.acknowledgement.list({ slug, quarter }))))).flatMap((l, i) => l.packs.map((a) => ({ ...a, quarter: quarters[i] })))
  return json(
    { slug, versions, job, acks, myParty: partnership.myParty, canGenerate: partnership.permissions.includes('pack.generate'), canAcknowledge: partnership.permissions.includes('pack.acknowledge'), defaultQuarter: packQuarter(qbrs) },
    { headers },
  )
}

const MAX_UPLOAD = 20 * 1024 * 1024
type FieldErrors = Array<{ field: string; message: string }>

/** Generate: queue the job and follow it (?job=). Verify: an uploaded file against the frozen versions (hashed on the server). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const form = await request.formData()
  if (form.get('intent') === 'acknowledge') {
    const input = { slug, quarter: String(form.get('quarter') ?? ''), version: Number(form.get('version')), sha256: String(form.get('sha256') ?? '') }
    try {
      const { notice } = await caller.acknowledgement.pack(input)
      return json({ intent: 'acknowledge' as const, result: null, notice, fieldErrors: [] as FieldErrors }, { headers })
    } catch (error) {
      const e = describeError(error)
      if (e.status !== 400 && e.status !== 409) throw json({ message: e.message }, { status: e.status })
      return json({ intent: 'acknowledge' as const, result: null, notice: e.message, fieldErrors: e.fieldErrors }, { status: e.status, headers })
    }
  }
  if (form.get('intent') === 'generate') {
    const quarter = String(form.get('quarter') ?? '').trim()
    const asOf = String(form.get('asOf') ?? '').trim()
    try {
      const { job } = await caller.pack.generate({ slug, quarter, ...(asOf ? { asOf } : {}) })
      return redirect(`/p/${slug}/packs?job=${job.id}`, { headers })
    } catch (error) {
      const e = describeError(error)
      if (e.status !== 400) throw json({ message: e.message }, { status: e.status })
      return json({ intent: 'generate' as const, result: null, fieldErrors: e.fieldErrors, quarter }, { status: 400, headers })
    }
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) return json({ intent: 'verify' as const, result: null, fieldErrors: [{ field: 'file', message: 'Choose the PDF to check' }] }, { status: 400, headers })
  if (file.size > MAX_UPLOAD) return json({ intent: 'verify' as const, result: null, fieldErrors: [{ field: 'file', message: 'At most 20 MB' }] }, { status: 400, headers })
  try {
    const fileBase64 = Buffer.from(await file.arrayBuffer()).toString('base64')
    const result = await caller.pack.verify({ slug, fileBase64 })
    return json({ intent: 'verify' as const, result: { ...result, name: file.name }, fieldErrors: [] as FieldErrors }, { headers })
  } catch (error) {
    const e = describeError(error)
    if (e.status !== 400) throw json({ message: e.message }, { status: e.status })
    return json({ intent: 'verify' as const, result: null, fieldErrors: e.fieldErrors }, { status: 400, headers })
  }
}

type PackJob = NonNullable<SerializeFrom<typeof loader>['job']>
type Stage = NonNullable<PackJob['progress']>['stage']

const STAGES: Record<Stage, string> = {
  gather: 'Gathering figures',
  render: 'Drawing the PDF',
  store: 'Freezing the version',
}
const STAGE_ORDER = Object.keys(STAGES) as Stage[]

/** The whole generation as one fraction: each stage a third of the bar. */
function overall(progress: PackJob['progress']): number {
  if (!progress) return 0
  return (STAGE_ORDER.indexOf(progress.stage) + (progress.total ? progress.done / progress.total : 0)) / STAGE_ORDER.length
}

function GenerationStatus({ job, slug }: { job: PackJob; slug: string }) {
  if (job.status === 'failed') {
    return (
      <p className="alert alert-error" role="alert">
        The {job.quarter} pack could not be generated: {job.error}
      </p>
    )
  }
  if (job.status === 'succeeded' && job.version) {
    const v = job.version
    return (
      <p className="alert alert-success" role="status">
        Version {v.version} of {v.quarter} is ready (SHA-256 <code>{v.sha256.slice(0, 16)}…</code>).{' '}
        <a href={`/p/${slug}/packs/${v.quarter}/v${v.version}.pdf`}>Download</a>
      </p>
    )
  }
  const label = job.status === 'queued' || !job.progress ? 'Queued' : `${STAGES[job.progress.stage]}: ${job.progress.done} of ${job.progress.total}`
  return (
    <div role="status">
      <label htmlFor="pack-progress">
        {job.quarter} as of <LocalTime iso={job.asOf} /> — {label}
      </label>
      <progress id="pack-progress" className="progress" aria-label="Pack generation progress" max={1} value={overall(job.progress)} />
    </div>
  )
}

export default function Packs() {
  const { slug, versions, job, acks, myParty, canGenerate, canAcknowledge, defaultQuarter } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [asOfLocal, setAsOfLocal] = useState('')
  const active = job?.status === 'queued' || job?.status === 'running'
  // The job's row is updated by the runner: read it again every second until it has ended.
  useRevalidateWhile(active, 1000)

  const generateErrors = actionData?.intent === 'generate' ? actionData.fieldErrors : undefined
  const verify = actionData?.intent === 'verify' ? actionData : undefined
  const quarterError = fieldError(generateErrors, 'quarter')
  const asOfError = fieldError(generateErrors, 'asOf')
  const verifyError = fieldError(verify?.fieldErrors, 'file')
  const submitting = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'generate'
  return (
    <>
      <div className="section-head">
        <h2>QBR packs</h2>
      </div>
      {canGenerate ? (
        <section className="card" aria-labelledby="generate-heading">
          <h3 id="generate-heading">Generate a pack</h3>
          <p className="muted">
            Draws the pack from live figures as of the instant you choose (now if empty) and freezes it as a new version: a stored version never changes. It is
            drawn in the background; both parties get an email when it is ready. It carries the quarter’s{' '}
            <Link to={`/p/${slug}/qbrs/${defaultQuarter}/narrative`}>narrative</Link> (executive summary and section notes) as it stands then.
          </p>
          <Form method="post" className="form-row">
            <input type="hidden" name="intent" value="generate" />
            <label htmlFor="pack-quarter">Quarter</label>
            <input
              id="pack-quarter"
              name="quarter"
              defaultValue={actionData?.intent === 'generate' ? actionData.quarter : defaultQuarter}
              aria-invalid={quarterError ? true : undefined}
              aria-describedby="pack-quarter-error"
            />
            <FieldMessage id="pack-quarter-error" message={quarterError} />
            <label htmlFor="pack-as-of">As of (optional)</label>
            <input id="pack-as-of" type="datetime-local" value={asOfLocal} onChange={(e) => setAsOfLocal(e.target.value)} aria-invalid={asOfError ? true : undefined} aria-describedby="pack-as-of-error" />
            {/* The browser knows the local time zone: the instant goes to the server as ISO 8601. */}
            <input type="hidden" name="asOf" value={asOfLocal ? new Date(asOfLocal).toISOString() : ''} />
            <FieldMessage id="pack-as-of-error" message={asOfError} />
            <button type="submit" className="button button-primary" disabled={submitting || active}>
              Generate pack
            </button>
          </Form>
          {job ? (
            <div aria-live="polite">
              <GenerationStatus job={job} slug={slug} />
            </div>
          ) : null}
        </section>
      ) : null}

      <section className="card">
        <h3>Versions</h3>
        {actionData?.intent === 'acknowledge' && actionData.notice ? (
          <p className="alert" role="status">
            {actionData.notice}
          </p>
        ) : null}
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
                  <th scope="col">Acknowledged</th>
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
                      <a href={`/p/${slug}/packs/${v.quarter}/v${v.version}.pdf`}>PDF</a> · <a href={`/p/${slug}/packs/${v.quarter}/v${v.version}.pptx`}>PPTX</a> · <Link to={`/p/${slug}/packs/present/${v.quarter}?version=${v.version}`}>Present</Link>
                    </td>
                    <td>
                      <AcknowledgementList what="version" acks={acks.filter((a) => a.quarter === v.quarter && a.version === v.version)} />
                      {canAcknowledge && !acks.some((a) => a.quarter === v.quarter && a.version === v.version && a.party === myParty) ? (
                        <AcknowledgeButton intent="acknowledge" label={`Acknowledge v${v.version}`} fields={{ quarter: v.quarter, version: String(v.version), sha256: v.sha256 }} />
                      ) : null}
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
          <input type="hidden" name="intent" value="verify" />
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
