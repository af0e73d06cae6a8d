import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { PsaItemRow } from '~/components/assets/psa-item-row'
import { describeError, orRespond, requireApi } from '~/api.server'

export const meta: MetaFunction = () => [{ title: 'PSA tickets · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [p, data] = await Promise.all([orRespond(caller.partnership.get({ slug })), orRespond(caller.psaTickets.list({ slug }))])
  return json({ ...data, canSend: p.permissions.includes('psa.send'), canClose: p.permissions.includes('roadmap.edit') }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  try {
    if (form.get('intent') === 'close') {
      await caller.psaTickets.closeItem({ slug, linkId: String(form.get('linkId') ?? ''), baseVersion: Number(form.get('baseVersion') ?? 0) })
      return json({ ok: 'The item is closed.' as string, message: null })
    }
    const itemKind = String(form.get('itemKind') ?? '') as 'ACTION_ITEM' | 'ROADMAP_ITEM'
    const sent = await caller.psaTickets.send({ slug, itemKind, itemId: String(form.get('itemId') ?? ''), board: String(form.get('board') ?? '') })
    return json({ ok: sent.created ? `Sent: PSA ticket ${sent.link.ticketNumber}.` : `Already in the PSA as ticket ${sent.link.ticketNumber}; nothing new was created.`, message: null })
  } catch (error) {
    const e = describeError(error)
    return json({ ok: null, message: e.message }, { status: e.status })
  }
}

export default function PsaTickets() {
  const { enabled, kind, boards, items, canSend, canClose } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  return (
    <div className="stack">
      <h1>Items sent to the PSA</h1>
      <p className="muted">
        Approved roadmap items and open QBR action items can become tickets in the MSP’s PSA{kind ? ` (${kind})` : ''}. Each is sent at most once; the ticket’s number and status come back on every sync, and when the PSA closes it the
        item can be closed here.
      </p>
      {!enabled ? <p className="notice">Sending to the PSA is off for this partnership’s connection. An MSP admin turns it on, with the boards or queues to offer, on the PSA sync page.</p> : null}
      {result?.message ? (
        <p role="alert" className="error">
          {result.message}
        </p>
      ) : null}
      {result?.ok ? <p role="status">{result.ok}</p> : null}
      {items.length === 0 ? (
        <p className="muted">No approved roadmap items or open action items yet.</p>
      ) : (
        <table className="table" aria-label="Items and their PSA tickets">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Status here</th>
              <th scope="col">PSA ticket</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <PsaItemRow key={`${item.itemKind}-${item.itemId}`} item={item} boards={boards} canSend={enabled && canSend} canClose={canClose} busy={busy} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
