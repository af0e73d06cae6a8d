import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { StandardFields, type StandardValues, severityLabel, standardFromForm } from '~/components/assessments/standard-fields'
import type { FieldErrorLike } from '~/components/forms'
import { formatDate } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { org: params.org ?? '', id: params.id ?? '' }
  const [standard, me] = await Promise.all([orRespond(caller.standards.get(ref)), caller.me()])
  const membership = me.memberships.find((m) => m.org.slug === ref.org)!
  return json({ standard, org: membership.org, canManage: ['MSP_ADMIN', 'ACCOUNT_MANAGER'].includes(membership.role) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const ref = { org: params.org ?? '', id: params.id ?? '' }
  const form = await request.formData()
  const baseVersion = Number(form.get('baseVersion'))
  try {
    if (form.get('intent') === 'retire' || form.get('intent') === 'restore') {
      await caller.standards.setRetired({ ...ref, baseVersion, retired: form.get('intent') === 'retire' })
      return json({ ok: true as const, message: form.get('intent') === 'retire' ? 'Retired: new assessments leave it out.' : 'Restored: new assessments include it again.', fieldErrors: [] as FieldErrorLike[] })
    }
    // Only the fields that changed are sent, so that the version check is about this edit alone.
    const original = JSON.parse(String(form.get('original') ?? '{}')) as Partial<StandardValues>
    const values = standardFromForm(form)
    const changes = Object.fromEntries(Object.entries(values).filter(([k, v]) => original[k as keyof StandardValues] !== v))
    if (Object.keys(changes).length === 0) return json({ ok: true as const, message: 'Nothing changed.', fieldErrors: [] as FieldErrorLike[] })
    await caller.standards.update({ ...ref, baseVersion, changes: changes as never })
    return json({ ok: true as const, message: 'Saved as a new version.', fieldErrors: [] as FieldErrorLike[] })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false as const, message: e.message, fieldErrors: e.fieldErrors as FieldErrorLike[] }, { status: e.status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Standard · ${data.org.name} · Accord` : 'Accord' }]

export default function StandardPage() {
  const { standard: s, org, canManage } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const locale = useLocale()
  const values: StandardValues = { category: s.category, question: s.question, whyItMatters: s.whyItMatters, howToCheck: s.howToCheck, severity: s.severity, remediation: s.remediation }
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${org.slug}/standards`}>← {org.name}: standards library</Link>
      </p>
      <h1>{s.question}</h1>
      <p className="muted">
        {s.category} · {severityLabel(s.severity)} severity · version {s.version} · {s.retiredAt ? `retired ${formatDate(s.retiredAt, locale)}` : 'current'}
        {s.starter ? ' · from the starter library' : ''}
      </p>
      {result?.message ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      {canManage ? (
        <>
          <Form method="post" className="card" noValidate key={s.version}>
            <input type="hidden" name="baseVersion" value={s.version} />
            <input type="hidden" name="original" value={JSON.stringify(values)} />
            <StandardFields prefix="edit" values={values} errors={result?.fieldErrors} categories={[s.category]} />
            <button type="submit" className="button button-primary" disabled={busy}>
              Save new version
            </button>
          </Form>
          <Form method="post" className="spaced">
            <input type="hidden" name="baseVersion" value={s.version} />
            <button type="submit" name="intent" value={s.retiredAt ? 'restore' : 'retire'} className="button" disabled={busy}>
              {s.retiredAt ? 'Restore this standard' : 'Retire this standard'}
            </button>
          </Form>
        </>
      ) : (
        <dl className="card">
          <dt>Why it matters</dt>
          <dd>{s.whyItMatters || '—'}</dd>
          <dt>How to check</dt>
          <dd>{s.howToCheck || '—'}</dd>
          <dt>Recommended remediation</dt>
          <dd>{s.remediation || '—'}</dd>
        </dl>
      )}
    </div>
  )
}
