import { Form } from '@remix-run/react'

interface Link {
  id: string
  state: 'SENDING' | 'SENT' | 'FAILED'
  ticketNumber: string | null
  psaStatus: string | null
  psaClosed: boolean
  error: string | null
  board: string
}

export interface PsaItem {
  itemKind: 'ACTION_ITEM' | 'ROADMAP_ITEM'
  itemId: string
  title: string
  status: string
  version: number
  link: Link | null
}

const KIND = { ACTION_ITEM: 'Action item', ROADMAP_ITEM: 'Roadmap item' } as const
const FINISHED = ['DONE', 'DROPPED', 'DECLINED']

/** One item: its PSA ticket (number, status) if sent; a send form (board) or the offer to close it. */
export function PsaItemRow({ item, boards, canSend, canClose, busy }: { item: PsaItem; boards: Array<{ id: string; name: string }>; canSend: boolean; canClose: boolean; busy: boolean }) {
  const link = item.link
  const sent = link?.state === 'SENT'
  const boardId = `board-${item.itemId}`
  return (
    <tr>
      <td>
        <span className="muted small">{KIND[item.itemKind]}</span>
        <div>{item.title}</div>
      </td>
      <td>{item.status.replace('_', ' ').toLowerCase()}</td>
      <td>
        {sent ? (
          <>
            #{link.ticketNumber} · {link.psaStatus || 'status not read yet'}
            {link.psaClosed ? <span className="badge"> closed in the PSA</span> : null}
          </>
        ) : link?.state === 'FAILED' ? (
          <span className="error">Refused: {link.error}</span>
        ) : link?.state === 'SENDING' ? (
          <span className="muted">Sending (no answer yet; sending again checks the PSA first)</span>
        ) : (
          <span className="muted">Not sent</span>
        )}
      </td>
      <td>
        {sent && link.psaClosed && canClose && !FINISHED.includes(item.status) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="close" />
            <input type="hidden" name="linkId" value={link.id} />
            <input type="hidden" name="baseVersion" value={item.version} />
            <button type="submit" className="button secondary" disabled={busy}>
              Close this item too
            </button>
          </Form>
        ) : null}
        {!sent && canSend ? (
          <Form method="post" className="inline">
            <input type="hidden" name="itemKind" value={item.itemKind} />
            <input type="hidden" name="itemId" value={item.itemId} />
            <label htmlFor={boardId}>Board or queue</label>
            <select id={boardId} name="board" required defaultValue={boards[0]?.id}>
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary" disabled={busy || boards.length === 0}>
              {link ? 'Send again' : 'Send to PSA'}
            </button>
          </Form>
        ) : null}
      </td>
    </tr>
  )
}
