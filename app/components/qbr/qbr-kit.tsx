import type { SerializeFrom } from '@remix-run/node'
import type { loader } from '~/routes/p.$slug.qbrs.$quarter'
import type { PartnershipLoader } from '~/routes/p.$slug'
import type { ConflictView } from '~/utils/versioned-form'
import type { AddFormProps } from './add-form'
import type { QbrEntity } from './qbr-fields'
import { enumLabel } from '~/utils/labels'

export type QbrView = SerializeFrom<typeof loader>['qbr']
export type PartnershipView = SerializeFrom<PartnershipLoader>['partnership']

/** What the route's action answers; `target` says which form it belongs to: `entity:id`, or the intent of an add form. */
export interface QbrActionResult {
  ok: boolean
  message: string
  target: string
  conflict: unknown
  submitted: Record<string, string> | null
  fieldErrors: Array<{ field: string; message: string }>
}

/**
 * What every section of the QBR page needs from the page: the QBR, who may edit it, and the last action's result
 * routed to the one form it belongs to (so a notice or a conflict shows beside the form that caused it).
 */
export function qbrKit({ qbr, p, result, busy }: { qbr: QbrView; p: PartnershipView; result: QbrActionResult | undefined; busy: boolean }) {
  const can = (x: string) => p.permissions.includes(x)
  const closed = qbr.status === 'CLOSED'
  const canEdit = can('qbr.edit') && !closed
  const formProps = (entity: QbrEntity, item: { id: string }) => {
    const mine = result?.target === `${entity}:${item.id}` ? result : undefined
    return {
      idPrefix: `${entity}-${item.id.slice(0, 8)}`,
      hidden: { entity, id: item.id },
      submitted: mine?.submitted,
      conflict: (mine?.conflict as ConflictView | null | undefined) ?? null,
      fieldErrors: mine?.fieldErrors,
      busy,
    }
  }
  // A conflict on an item's form is shown by that form (with both versions); a conflict on a button with no form of
  // its own (a move, a status change, a removal) is said here, or the click would seem to do nothing.
  const notice = (target: string) =>
    result && result.target === target && (!result.conflict || !target.includes(':')) ? (
      <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
        {result.message}
      </p>
    ) : null
  const addFormProps = (intent: string): Omit<AddFormProps, 'fields' | 'submit'> => ({
    intent,
    qbrId: qbr.id,
    notice: notice(intent),
    errors: result?.target === intent ? result.fieldErrors : undefined,
    busy,
    added: result?.target === intent && result.ok ? result : undefined,
  })
  const linkText = (type: string | null, ref: string | null) =>
    !type || !ref ? null : type === 'SLA_SECTION' ? `SLA report: ${ref}` : `${enumLabel(type)}: ${qbr.linkLabels[ref] ?? ref}`
  const parties = [
    { value: 'MSP', label: 'MSP' },
    { value: 'CLIENT', label: 'Client' },
  ]
  return { qbr, p, result, busy, can, closed, canEdit, formProps, notice, addFormProps, linkText, parties }
}
export type QbrKit = ReturnType<typeof qbrKit>
