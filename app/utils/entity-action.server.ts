import { json } from '@remix-run/node'
import { describeError } from '~/api.server'
import { type FieldDef, readVersionedForm } from '~/utils/versioned-form'

interface Operations {
  update(input: { baseVersion: number; changes: Record<string, unknown> }): Promise<{ item: { version: number }; merged: boolean }>
  remove(baseVersion: number): Promise<unknown>
  restore(baseVersion: number): Promise<unknown>
}

/** The action of an entity page: update (with conflict details on 409), delete, restore. */
export async function entityAction(form: FormData, fields: readonly FieldDef[], ops: Operations) {
  const intent = String(form.get('intent'))
  const submitted = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  try {
    if (intent === 'update') {
      const { baseVersion, changes } = readVersionedForm(form, fields)
      if (Object.keys(changes).length === 0) return json({ ok: true, message: 'Nothing changed.', conflict: null, submitted: null, fieldErrors: [] })
      const result = await ops.update({ baseVersion, changes })
      const merged = result.merged ? ' Merged with changes someone else saved to other fields.' : ''
      return json({ ok: true, message: `Saved (version ${result.item.version}).${merged}`, conflict: null, submitted: null, fieldErrors: [] })
    }
    const baseVersion = Number(form.get('baseVersion'))
    if (intent === 'delete') await ops.remove(baseVersion)
    else if (intent === 'restore') await ops.restore(baseVersion)
    else return json({ ok: false, message: 'Unknown action', conflict: null, submitted: null, fieldErrors: [] }, { status: 400 })
    return json({ ok: true, message: intent === 'delete' ? 'Deleted (restorable).' : 'Restored.', conflict: null, submitted: null, fieldErrors: [] })
  } catch (error) {
    const e = describeError(error)
    const conflict = e.status === 409 && e.details?.conflicts ? e.details : null
    return json({ ok: false, message: e.message, conflict, submitted: intent === 'update' ? submitted : null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}
