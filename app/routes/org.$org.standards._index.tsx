import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { StandardFields, severityLabel, standardFromForm } from '~/components/assessments/standard-fields'
import type { FieldErrorLike } from '~/components/forms'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const org = params.org ?? ''
  const showRetired = new URL(request.url).searchParams.get('retired') === '1'
  const [standards, me] = await Promise.all([orRespond(caller.standards.list({ org, includeRetired: showRetired })), caller.me()])
  const membership = me.memberships.find((m) => m.org.slug === org)!
  return json({ standards, showRetired, org: membership.org, canManage: ['MSP_ADMIN', 'ACCOUNT_MANAGER'].includes(membership.role) }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const org = params.org ?? ''
  try {
    const created = await caller.standards.create({ org, ...standardFromForm(await request.formData()) } as never)
    return redirect(`/org/${org}/standards/${created.id}`)
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message, fieldErrors: e.fieldErrors as FieldErrorLike[] }, { status: e.status })
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Standards · ${data.org.name} · Accord` : 'Accord' }]

export default function Standards() {
  const { standards, showRetired, org, canManage } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const categories = [...new Set(standards.map((s) => s.category))]
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${org.slug}/members`}>← {org.name}: members</Link>
      </p>
      <h1>{org.name}: standards library</h1>
      <p className="muted">
        What your engineers check at each client in a standards assessment. Editing a standard gives it a new version; assessments already started keep the wording
        they were answered against. Retired standards leave new assessments and stay on old ones.
      </p>
      <p>
        {showRetired ? <Link to={`/org/${org.slug}/standards`}>Hide retired standards</Link> : <Link to={`/org/${org.slug}/standards?retired=1`}>Show retired standards</Link>}
      </p>
      {categories.map((category) => (
        <section key={category}>
          <h2 className="spaced">{category}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Standards in {category}</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Version</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {standards
                  .filter((s) => s.category === category)
                  .map((s) => (
                    <tr key={s.id}>
                      <th scope="row" className="row-head">
                        <Link to={`/org/${org.slug}/standards/${s.id}`}>{s.question}</Link>
                      </th>
                      <td>
                        <span className={`badge severity-${s.severity.toLowerCase()}`}>{severityLabel(s.severity)}</span>
                      </td>
                      <td>v{s.version}</td>
                      <td>{s.retiredAt ? 'retired' : 'current'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {canManage ? (
        <>
          <h2 className="spaced">Add a standard</h2>
          <Form method="post" className="card" noValidate>
            {result?.message ? (
              <p className="alert alert-error" role="alert">
                {result.message}
              </p>
            ) : null}
            <StandardFields prefix="new" errors={result?.fieldErrors} categories={categories} />
            <button type="submit" className="button button-primary" disabled={busy}>
              Add standard
            </button>
          </Form>
        </>
      ) : null}
    </div>
  )
}
