import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { num } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { useBusy } from '~/utils/use-busy'

// The client's headcount: the users the MSPs support, for incidents per 100 users on the SLA page and in the pack
// (ADR 024). Read by the organization's members, set by its admins; a stale edit is refused (409).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json(await orRespond(caller.org.headcount({ org: params.org ?? '' })), { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Users supported · ${data.org.name} · Accord` : 'Accord' }]

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const text = String(form.get('headcount') ?? '').trim()
  const expectedText = String(form.get('expected') ?? '').trim()
  const headcount = text === '' ? null : /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (Number.isNaN(headcount)) return json({ ok: false, field: 'headcount', message: 'A whole number of users' }, { status: 400 })
  try {
    const saved = await caller.org.setHeadcount({ org: params.org ?? '', headcount, expected: expectedText === '' ? null : Number(expectedText) })
    return json({ ok: true, field: null, message: saved.headcount === null ? 'Headcount cleared.' : `Saved: ${saved.headcount} users.` })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false, field: e.status === 400 ? 'headcount' : null, message: e.message }, { status: e.status })
  }
}

export default function OrgHeadcount() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const locale = useLocale()
  return (
    <div className="page">
      <div className="section-head">
        <div>
          <span className="eyebrow">{data.org.name}</span>
          <h1>Users supported</h1>
        </div>
        <Link to={`/org/${data.org.slug}/members`}>← Members</Link>
      </div>
      {result ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} id="headcount-result">
          {result.message}
        </p>
      ) : null}
      <section className="card section-card" aria-labelledby="headcount-heading">
        <h2 id="headcount-heading">Headcount</h2>
        {data.kind !== 'CLIENT' ? (
          <p className="empty">Only a client organization has a headcount: it is set by the client’s admins.</p>
        ) : (
          <>
            <p>
              {data.headcount === null ? 'Not set: incidents per 100 users show “—” until it is.' : `${num(data.headcount, 0, locale)} users.`} The SLA page and the QBR pack
              divide the incidents of a period by it.
            </p>
            {data.canEdit ? (
              <Form method="post" className="stack">
                <input type="hidden" name="expected" value={data.headcount ?? ''} />
                <label htmlFor="headcount">Users the MSPs support (empty clears it)</label>
                <input
                  id="headcount"
                  name="headcount"
                  type="number"
                  min={1}
                  max={1000000}
                  step={1}
                  defaultValue={data.headcount ?? ''}
                  aria-invalid={result?.field === 'headcount' ? true : undefined}
                  aria-describedby={result?.field === 'headcount' ? 'headcount-result' : undefined}
                />
                <button type="submit" className="button" disabled={busy}>
                  Save headcount
                </button>
              </Form>
            ) : (
              <p className="muted">A client admin can change it.</p>
            )}
          </>
        )}
      </section>
    </div>
  )
}
