import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { DEMO_POLICY, describeError, orRespond, requireApi } from '~/api.server'
import { FieldErrorsAlert } from '~/components/forms'
import { useLocale } from '~/utils/locale'
import { formatDateTime } from '~/utils/format'

export const meta: MetaFunction = () => [{ title: 'SLA policy · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [current, versions, partnership] = await Promise.all([
    orRespond(caller.sla.policy({ slug })),
    orRespond(caller.sla.policyVersions({ slug })),
    orRespond(caller.partnership.get({ slug })),
  ])
  return json({ current, versions, example: DEMO_POLICY, canManage: partnership.permissions.includes('sla.manage') }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const text = String((await request.formData()).get('policy') ?? '')
  let policy: unknown
  try {
    policy = JSON.parse(text)
  } catch (error) {
    return json({ ok: false as const, message: `Not valid JSON: ${(error as Error).message}`, fieldErrors: [{ field: 'policy', message: 'Not valid JSON' }], text }, { status: 400 })
  }
  try {
    const stored = await caller.sla.setPolicy({ slug: params.slug ?? '', policy })
    return json({ ok: true as const, message: `Saved as version ${stored.version}.`, fieldErrors: [] as Array<{ field: string; message: string }>, text })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false as const, message: e.message, fieldErrors: e.fieldErrors, text }, { status: e.status })
  }
}

export default function SlaPolicyPage() {
  const { current, versions, example, canManage } = useLoaderData<typeof loader>()
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
      <h2>SLA policy {current ? `v${current.version}` : '(none yet)'}</h2>
      <p className="muted">
        Per-priority targets in minutes on a 24×7 or business-hours clock; business hours are wall-clock windows in the policy’s timezone; holidays are
        whole local dates; time in a pause status is subtracted from resolution. A change saves a new version: reports and frozen QBR packs keep theirs.
      </p>
      {result ? <FieldErrorsAlert ok={result.ok} message={result.ok ? result.message : 'The policy was not saved:'} fieldErrors={result.fieldErrors} listId="policy-errors" /> : null}
      <Form method="post">
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
