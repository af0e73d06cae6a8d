import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { DEMO_POLICY, describeError, orRespond, requireApi } from '~/api.server'
import { FieldErrorsAlert } from '~/components/forms'
import { useLocale } from '~/utils/locale'
import { formatDateTime } from '~/utils/format'

export const meta: MetaFunction = () => [{ title: 'SLA policy · Accord' }]

// After a 409 (saved by someone else meanwhile) the page reads again, so the version the message names is listed:
// Remix re-runs no loader after an action's 4xx by default.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 409 || defaultShouldRevalidate

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  // A version saved before today's policy rules is refused (409): the page still opens, says why, and saves a
  // corrected version on top of it.
  const readable = caller.sla.policy({ slug }).then(
    (current) => ({ current, refused: null }),
    (error: unknown) => {
      const e = describeError(error)
      if (e.status !== 409) throw error
      return { current: null, refused: e.message }
    },
  )
  const [{ current, refused }, versions, partnership] = await Promise.all([orRespond(readable), orRespond(caller.sla.policyVersions({ slug })), orRespond(caller.partnership.get({ slug }))])
  // The newest version, readable or not, is what a save goes on top of.
  const baseVersion = versions[0]?.version ?? 0
  return json({ current, refused, baseVersion, versions, example: DEMO_POLICY, canManage: partnership.permissions.includes('sla.manage') }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const text = String(form.get('policy') ?? '')
  // The version this editor opened (0: none yet); not a number is the schema's 400 naming baseVersion.
  const baseVersion = Number(form.get('baseVersion') ?? Number.NaN)
  let policy: unknown
  try {
    policy = JSON.parse(text)
  } catch (error) {
    return json({ ok: false as const, conflict: false, message: `Not valid JSON: ${(error as Error).message}`, fieldErrors: [{ field: 'policy', message: 'Not valid JSON' }], text, baseVersion }, { status: 400 })
  }
  try {
    const stored = await caller.sla.setPolicy({ slug: params.slug ?? '', policy, baseVersion })
    return json({ ok: true as const, conflict: false, message: `Saved as version ${stored.version}.`, fieldErrors: [] as Array<{ field: string; message: string }>, text, baseVersion: stored.version })
  } catch (error) {
    const e = describeError(error)
    // Saved by someone else meanwhile: nothing of this text is saved. It stays as typed, now based on their version,
    // so the editor compares (their version is listed under Versions) and a second save, made knowingly, goes on top.
    const saved = e.status === 409 && e.fieldErrors.some((f) => f.field === 'baseVersion') ? (e.details as { currentVersion: number; savedBy: string | null }) : null
    if (saved) {
      const message = `Not saved: ${saved.savedBy ?? 'someone'} saved version ${saved.currentVersion} since you opened version ${baseVersion}. Compare it (under Versions), then save again to put your text, kept below, on top of it.`
      return json({ ok: false as const, conflict: true, message, fieldErrors: [], text, baseVersion: saved.currentVersion }, { status: 409 })
    }
    return json({ ok: false as const, conflict: false, message: e.message, fieldErrors: e.fieldErrors, text, baseVersion }, { status: e.status })
  }
}

export default function SlaPolicyPage() {
  const { current, refused, baseVersion, versions, example, canManage } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const { slug } = useParams()
  const locale = useLocale()
  const text = result?.text ?? JSON.stringify(current?.policy ?? example, null, 2)
  return (
    <>
      <p>
        <Link to={`/p/${slug}/sla`}>← SLAs</Link>
      </p>
      <h2>SLA policy {baseVersion ? `v${baseVersion}` : '(none yet)'}</h2>
      {refused ? (
        <div className="alert alert-error" role="alert">
          <p>{refused}</p>
        </div>
      ) : null}
      <p className="muted">
        Per-priority targets in minutes on a 24×7 or business-hours clock; business hours are wall-clock windows in the policy’s timezone; holidays are
        whole local dates; time in a pause status is subtracted from resolution. A change saves a new version: reports and frozen QBR packs keep theirs.
      </p>
      {result ? <FieldErrorsAlert ok={result.ok} message={result.ok || result.conflict ? result.message : 'The policy was not saved:'} fieldErrors={result.fieldErrors} listId="policy-errors" /> : null}
      <Form method="post">
        <input type="hidden" name="baseVersion" value={result?.baseVersion ?? baseVersion} />
        <div className="field">
          <label htmlFor="policy">Policy (JSON)</label>
          <textarea
            id="policy"
            name="policy"
            className="code"
            defaultValue={text}
            key={text}
            readOnly={!canManage}
            aria-invalid={result && !result.ok ? true : undefined}
            aria-describedby={result && !result.ok ? 'policy-errors' : undefined}
            spellCheck={false}
          />
        </div>
        {canManage ? (
          <button type="submit" className="button button-primary" disabled={busy}>
            Save as a new version
          </button>
        ) : (
          <p className="muted">Your MSP’s admin or account manager maintains the policy.</p>
        )}
      </Form>
      <h3 className="spaced">Versions</h3>
      {versions.length === 0 ? (
        <p className="empty">No versions yet.</p>
      ) : (
        <ul className="timeline">
          {versions.map((v) => (
            <li key={v.version}>
              <strong>v{v.version}</strong> {v.name} <span className="muted">by {v.createdBy}, {formatDateTime(v.createdAt, locale, 'UTC', true)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
