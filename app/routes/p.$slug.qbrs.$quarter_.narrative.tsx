import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { NARRATIVE_DEFS, type NarrativeResult, NarrativeEditor } from '~/components/pack/narrative-editor'
import { readVersionedForm } from '~/utils/versioned-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Pack narrative ${data.narrative.quarter} · Accord` : 'Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [narrative, partnership] = await Promise.all([orRespond(caller.narrative.get({ slug, quarter: params.quarter ?? '' })), orRespond(caller.partnership.get({ slug }))])
  return json({ slug, narrative, canEdit: partnership.permissions.includes('narrative.edit') }, { headers })
}

/** The API's field paths (`changes.notes.sla`) as the form names its fields (`note.sla`). */
const formFieldOf = (path: string) => path.replace(/^changes\.notes\./, 'note.').replace(/^changes\./, '')

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const submitted = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const { baseVersion, changes } = readVersionedForm(form, NARRATIVE_DEFS)
  if (Object.keys(changes).length === 0) return json<NarrativeResult>({ ok: true, message: 'Nothing changed.', conflict: null, submitted: null, fieldErrors: [] })
  const notes = Object.fromEntries(Object.entries(changes).filter(([k]) => k.startsWith('note.')).map(([k, v]) => [k.slice(5), String(v ?? '')]))
  try {
    const { narrative, merged } = await caller.narrative.save({
      slug: params.slug ?? '',
      quarter: params.quarter ?? '',
      baseVersion,
      changes: { ...(changes.summary !== undefined ? { summary: String(changes.summary ?? '') } : {}), ...(Object.keys(notes).length ? { notes } : {}) } as never,
    })
    const also = merged ? ' Merged with what someone else saved to other texts.' : ''
    return json<NarrativeResult>({ ok: true, message: `Saved (version ${narrative.version}).${also}`, conflict: null, submitted: null, fieldErrors: [] })
  } catch (error) {
    const e = describeError(error)
    const conflict = e.status === 409 && e.details?.conflicts ? (e.details as unknown as NarrativeResult['conflict']) : null
    const fieldErrors = e.fieldErrors.map((f) => ({ ...f, field: formFieldOf(f.field) }))
    return json<NarrativeResult>({ ok: false, message: e.message, conflict, submitted, fieldErrors }, { status: e.status })
  }
}

export default function PackNarrativePage() {
  const { slug, narrative, canEdit } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as NarrativeResult | undefined
  const busy = useBusy()
  return (
    <>
      <p>
        <Link to={`/p/${slug}/qbrs/${narrative.quarter}`}>← QBR {narrative.quarter}</Link> · <Link to={`/p/${slug}/packs`}>QBR packs</Link>
      </p>
      <div className="section-head">
        <h2>Pack narrative for {narrative.quarter}</h2>
        <span className="muted small">version {narrative.version}</span>
      </div>
      <NarrativeEditor narrative={narrative} canEdit={canEdit} result={result} busy={busy} />
    </>
  )
}
