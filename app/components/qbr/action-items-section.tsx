import { Form } from '@remix-run/react'
import { VersionedForm } from '~/components/versioned-form'
import { AddForm, type LinkGroups, type Options } from './add-form'
import type { QbrKit } from './qbr-kit'
import { ACTION_FIELDS } from './qbr-fields'
import { enumLabel } from '~/utils/labels'
import { useLocale } from '~/utils/locale'
import { formatDate } from '~/utils/format'

/** Action items of this QBR (and those carried over), editable even after the QBR closes, then the add form. */
export interface ActionPsaLink {
  id: string
  ticketNumber: string | null
  psaStatus: string | null
  psaClosed: boolean
}

/**
 * An action item's PSA ticket (ADR 026): number and status from the last sync; once the PSA closed it, the offer to
 * close the item too (for those who may, through the item's versioned update), else where it can be done.
 */
function PsaTicketLine({ slug, item, link, canClose, busy }: { slug: string; item: { id: string; status: string; version: number }; link: ActionPsaLink; canClose: boolean; busy: boolean }) {
  const open = item.status !== 'DONE' && item.status !== 'DROPPED'
  return (
    <p className="muted small" data-testid="action-psa-ticket">
      {`PSA ticket #${link.ticketNumber ?? '—'} · ${link.psaStatus || 'status not read yet'}`}
      {link.psaClosed && open ? (
        canClose ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="psa-close" />
            <input type="hidden" name="id" value={item.id} />
            <input type="hidden" name="linkId" value={link.id} />
            <input type="hidden" name="baseVersion" value={item.version} />
            {' '}— closed in the PSA:{' '}
            <button type="submit" className="button" disabled={busy}>
              Close this action item too
            </button>
          </Form>
        ) : (
          <> — closed in the PSA: <a href={`/p/${slug}/psa-tickets`}>see PSA tickets</a></>
        )
      ) : null}
    </p>
  )
}

export function ActionItemsSection({ kit, linkOptions, agendaOptions, psaLinks = {} }: { kit: QbrKit; linkOptions: LinkGroups; agendaOptions: Options; psaLinks?: Record<string, ActionPsaLink> }) {
  const { qbr, p, result, can, canEdit, notice, formProps, addFormProps, linkText, parties } = kit
  const locale = useLocale()
  return (
    <section aria-labelledby="actions-heading" className="spaced">
      <h3 id="actions-heading">Action items</h3>
      {qbr.actionItems.length === 0 ? <p className="empty">No action items.</p> : null}
      <ul className="plain">
        {qbr.actionItems.map((a) => {
          const props = formProps('action', a)
          return (
            <li key={a.id} className="spaced" aria-label={`Action item: ${a.title}`}>
              <strong>{a.title}</strong> — {a.owner} <span className={`badge badge-party-${a.party.toLowerCase()}`}>{a.party === 'MSP' ? 'MSP' : 'Client'}</span> · due {formatDate(a.dueDate, locale)} ·{' '}
              <span className={`badge status-${a.status.toLowerCase()}`}>{enumLabel(a.status)}</span>
              {a.carriedOver ? <span className="badge"> carried over from {a.originQuarter}</span> : null}
              {linkText(a.linkType, a.linkRef) ? <span className="muted small"> · {linkText(a.linkType, a.linkRef)}</span> : null}
              {psaLinks[a.id] ? <PsaTicketLine slug={p.slug} item={a} link={psaLinks[a.id]} canClose={can('roadmap.edit')} busy={formProps('action', a).busy} /> : null}
              {notice(`action:${a.id}`)}
              {can('qbr.edit') ? (
                <details open={!!props.conflict || (result?.target === `action:${a.id}` && !result.ok)}>
                  <summary>Edit</summary>
                  <VersionedForm defs={ACTION_FIELDS} values={a} version={a.version} label={`Edit action item “${a.title}”`} {...props} />
                </details>
              ) : null}
            </li>
          )
        })}
      </ul>
      {canEdit ? (
        <AddForm
          {...addFormProps('action-add')}
          submit="Add action item"
          fields={[
            { kind: 'input', id: 'action-title', name: 'title', label: 'New action item', errors: true },
            { kind: 'input', id: 'action-owner', name: 'owner', label: 'Owner', errors: true },
            { kind: 'select', id: 'action-party', name: 'party', label: 'Owner’s party', defaultValue: p.myParty, options: parties },
            { kind: 'input', id: 'action-due', name: 'dueDate', label: 'Due date', type: 'date', errors: true },
            { kind: 'link', id: 'action-link', groups: linkOptions },
            { kind: 'select', id: 'action-agenda', name: 'agendaItemId', label: 'Agenda item', defaultValue: '', options: agendaOptions },
          ]}
        />
      ) : null}
    </section>
  )
}
