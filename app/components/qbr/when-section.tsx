import { Form } from '@remix-run/react'
import { VersionedForm } from '~/components/versioned-form'
import { inZone } from '~/utils/format'
import type { QbrKit } from './qbr-kit'
import { QBR_FIELDS } from './qbr-fields'
import { useLocale } from '~/utils/locale'

const STATUS_ACTION: Record<string, string> = { SCHEDULED: 'Schedule', DRAFT: 'Call off (back to draft)', HELD: 'Mark as held', CLOSED: 'Close the QBR' }

/** Date, place and status of the QBR, with its status buttons and its edit form. */
export function WhenSection({ kit }: { kit: QbrKit }) {
  const locale = useLocale()
  const { qbr, can, closed, busy, notice, formProps } = kit
  const totalMinutes = qbr.agenda.reduce((s, a) => s + a.timeboxMinutes, 0)
  return (
    <section aria-labelledby="when-heading">
      <h3 id="when-heading">When and where</h3>
      <p>
        {qbr.startsAt ? (
          <>
            <strong>{inZone(qbr.startsAt, qbr.timezone, locale)}</strong> – {qbr.endsAt ? inZone(qbr.endsAt, qbr.timezone, locale).split(', ').pop() : ''} ({qbr.timezone}) · {totalMinutes} min on the agenda
          </>
        ) : (
          <span className="muted">Not scheduled yet · {totalMinutes} min on the agenda</span>
        )}
        {qbr.location ? ` · ${qbr.location}` : ''}
        {qbr.videoUrl ? (
          <>
            {' · '}
            <a href={qbr.videoUrl}>video link</a>
          </>
        ) : null}
      </p>
      {can('qbr.manage') && qbr.nextStatuses.length ? (
        <div className="inline-links">
          {qbr.nextStatuses.map((s) => (
            <Form method="post" key={s} className="inline-form">
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="id" value={qbr.id} />
              <input type="hidden" name="baseVersion" value={qbr.version} />
              <input type="hidden" name="status" value={s} />
              <button type="submit" className={`button ${s === 'DRAFT' ? 'button-danger' : 'button-primary'}`} disabled={busy}>
                {STATUS_ACTION[s]}
              </button>
            </Form>
          ))}
        </div>
      ) : null}
      {notice(`qbr:${qbr.id}`)}
      <VersionedForm defs={QBR_FIELDS} values={qbr} version={qbr.version} readOnly={!can('qbr.manage') || closed} label="QBR details" {...formProps('qbr', qbr)} />
    </section>
  )
}
