import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useParams } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldErrorsAlert } from '~/components/forms'

export const meta: MetaFunction = () => [{ title: 'Priority mapping · Accord' }]

const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
const BLANK_ROWS = 3

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [mappings, uses, partnership] = await Promise.all([
    orRespond(caller.sla.priorityMappings({ slug })),
    orRespond(caller.sla.sourcePriorities({ slug })),
    orRespond(caller.partnership.get({ slug })),
  ])
  return json({ mappings, uses, canManage: partnership.permissions.includes('sla.manage') }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const source = String(form.get('source') ?? '')
  const names = form.getAll('name').map(String)
  const targets = form.getAll('priority').map(String)
  // A row with a blank name is an unused blank row; a named row without a level is a mistake worth naming.
  // Unchecked here on purpose: the procedure's schema names a wrong level field by field.
  const mapping: Record<string, 'P1' | 'P2' | 'P3' | 'P4'> = {}
  names.forEach((name, i) => {
    if (name.trim()) mapping[name] = (targets[i] ?? '') as 'P1'
  })
  try {
    const saved = await caller.sla.setPriorityMapping({ slug: params.slug ?? '', source, mapping })
    const remapped = saved.remappedTickets ? ` ${saved.remappedTickets} stored ticket(s) now carry their new priority.` : ''
    return json({ ok: true as const, source, message: `Saved the mapping for ${source}.${remapped}`, fieldErrors: [] as Array<{ field: string; message: string }> })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: false as const, source, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}

export default function PriorityMappingPage() {
  const { mappings, uses, canManage } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const { slug } = useParams()
  const sources = [...new Set(['csv', 'api', ...Object.keys(mappings), ...uses.map((u) => u.source)])].sort()
  return (
    <>
      <p>
        <Link to={`/p/${slug}/sla`}>← SLAs</Link>
      </p>
      <h2>Priority mapping</h2>
      <p className="muted">
        Each source names its priorities its own way (“Priority 2 - Quick Response”, “Gold”). Map those names to P1–P4 here; names compare without regard to
        letter case. Names not mapped fall back to the usual ones (P1, 1, Critical, High, Medium, Low…). A change re-maps the tickets already stored.
      </p>
      {sources.map((source) => {
        const own = Object.entries(mappings[source] ?? {})
        const mapped = new Set(own.map(([name]) => name))
        const seen = uses.filter((u) => u.source === source)
        const byDefault = [...new Map(seen.filter((u) => !mapped.has(u.name.toLowerCase())).map((u) => [u.name.toLowerCase(), u])).values()]
        const rows: Array<[string, string]> = [...own, ...byDefault.map((u) => [u.name, u.priority] as [string, string])]
        const mine = result?.source === source ? result : undefined
        return (
          <section key={source} aria-labelledby={`source-${source}`}>
            <h3 id={`source-${source}`}>
              Source <code>{source}</code>
            </h3>
            {mine ? <FieldErrorsAlert ok={mine.ok} message={mine.message} fieldErrors={mine.fieldErrors} /> : null}
            {seen.length ? (
              <p className="muted">
                Seen in stored tickets:{' '}
                {seen.map((u, i) => (
                  <span key={`${u.name}-${u.priority}`}>
                    {i ? ', ' : ''}“{u.name}” → {u.priority} ({u.tickets})
                  </span>
                ))}
              </p>
            ) : null}
            <Form method="post">
              <input type="hidden" name="source" value={source} />
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Source priority name</th>
                      <th scope="col">Accord priority</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...rows, ...Array.from({ length: canManage ? BLANK_ROWS : 0 }, () => ['', ''] as [string, string])].map(([name, priority], i) => (
                      <tr key={`${source}-${i}-${name}`}>
                        <td>
                          <input name="name" defaultValue={name} aria-label={`Name ${i + 1}`} readOnly={!canManage} maxLength={80} />
                        </td>
                        <td>
                          <select name="priority" defaultValue={priority} aria-label={`Priority for name ${i + 1}`} disabled={!canManage}>
                            <option value="">—</option>
                            {PRIORITIES.map((p) => (
                              <option key={p}>{p}</option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canManage ? (
                <p className="muted">Clear a name to remove it. Names listed without a mapping of their own are mapped by default; saving keeps them explicitly.</p>
              ) : null}
              {canManage ? (
                <button type="submit" disabled={busy}>
                  {busy ? 'Saving…' : `Save mapping for ${source}`}
                </button>
              ) : null}
            </Form>
          </section>
        )
      })}
    </>
  )
}
