import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useParams, useRouteLoaderData, useSearchParams } from '@remix-run/react'
import { REASON_MAX, REASON_MIN, orRespond, requireApi } from '~/api.server'
import { disputeAction } from '~/components/disputes/dispute-action.server'
import { DisputeThread } from '~/components/disputes/dispute-thread'
import { breachedDuration, clockLabel, duration, inZone, quarterOf } from '~/utils/format'
import type { PartnershipLoader } from './p.$slug'
import { useLocale } from '~/utils/locale'
import { isQuarter } from '../../server/validation/bounds.ts'

export const meta: MetaFunction = ({ params }) => [{ title: `Ticket ${params.externalId} · Accord` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const ref = { slug: params.slug ?? '', externalId: params.externalId ?? '' }
  const [explained, disputes] = await Promise.all([orRespond(caller.sla.explainTicket(ref)), orRespond(caller.disputes.list(ref))])
  return json({ ...explained, disputes, disputeBounds: { min: REASON_MIN, max: REASON_MAX } }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  return disputeAction(request, params, await request.formData())
}

export default function TicketClock() {
  const locale = useLocale()
  const e = useLoaderData<typeof loader>()
  const disputeResult = useActionData<typeof action>()
  const permissions = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')?.partnership.permissions ?? []
  const { slug } = useParams()
  const zone = e.policy.timezone
  const t = e.ticket
  // Back to the quarter the ticket was opened from (the SLA page's links carry it), else to the one it was created in.
  const asked = useSearchParams()[0].get('quarter') ?? ''
  const quarter = isQuarter(asked) ? asked : quarterOf(new Date(t.createdAt))
  return (
    <>
      <p>
        <Link to={`/p/${slug}/sla?quarter=${quarter}`}>← SLAs, {quarter}</Link>
      </p>
      <h2>
        {t.externalId}: {t.title || '(no title)'}
      </h2>
      <p className="muted">
        {t.priority} (source: “{t.sourcePriority}”) · {t.status} ({t.lifecycle}) · {t.queue ?? 'no queue'} · {t.assignee ?? 'unassigned'}
        {t.escalated ? ' · escalated' : ''} {t.csat ? ` · CSAT ${t.csat}/5` : ''}
      </p>
      <div className="grid-2">
        {(['response', 'resolution'] as const).map((m) => {
          const v = e[m]
          const vendor = v.vendorMet === null ? null : v.vendorMet ? 'met' : 'breached'
          return (
            <section className="card" key={m}>
              <h3>
                {m === 'response' ? 'Response' : 'Resolution'} <span className={`badge verdict-${v.verdict}`}>{v.verdict}</span>
              </h3>
              <dl className="facts">
                <dt>Target</dt>
                <dd>
                  {duration(v.targetMinutes, v.clock)} on the {clockLabel(v.clock)} clock
                </dd>
                <dt>Elapsed</dt>
                <dd>
                  {/* A breach never reads as its own target: its elapsed time is rounded up. */}
                  {v.verdict === 'breached' && v.elapsedMinutes > v.targetMinutes ? breachedDuration(v.elapsedMinutes, v.clock) : duration(v.elapsedMinutes, v.clock)}
                  {'pausedMinutes' in v && v.pausedMinutes ? ` (after subtracting ${duration(v.pausedMinutes, v.clock)} paused)` : ''}
                </dd>
                <dt>Due</dt>
                <dd>{v.dueAt ? inZone(v.dueAt, zone, locale) : 'on hold while paused'}</dd>
                <dt>Decided</dt>
                <dd>{v.decidedAt ? inZone(v.decidedAt, zone, locale) : 'completionUnknown' in v && v.completionUnknown ? 'completion unknown: closed in the PSA with no resolution time' : 'not yet'}</dd>
                {vendor ? (
                  <>
                    <dt>PSA’s verdict</dt>
                    <dd>
                      {vendor}
                      {vendor !== v.verdict && v.verdict !== 'pending' ? <strong> — differs from Accord’s</strong> : null}
                    </dd>
                  </>
                ) : null}
              </dl>
            </section>
          )
        })}
      </div>
      <h3 className="spaced">The clock</h3>
      <ul className="timeline">
        <li>
          <strong>Created</strong> {inZone(t.createdAt, zone, locale)}
        </li>
        <li>
          <strong>First response</strong> {inZone(t.firstResponseAt, zone, locale)}
        </li>
        <li>
          <strong>Resolved</strong> {inZone(t.resolvedAt, zone, locale)}
        </li>
      </ul>
      <div className="grid-2 spaced">
        <section>
          <h4>{e.policy.clock === '24x7' ? 'Counted time (24×7)' : 'Business windows counted'}</h4>
          <ul className="timeline">
            {e.windows.map((w) => (
              <li key={w.start}>
                {inZone(w.start, zone, locale)} → {inZone(w.end, zone, locale).split(', ').pop()} <span className="muted">{duration(w.minutes, e.policy.clock)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h4>Pauses subtracted</h4>
          {e.pauses.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="timeline">
              {e.pauses.map((p) => (
                <li key={p.start}>
                  {p.reason ? <strong>{p.reason}: </strong> : null}
                  {inZone(p.start, zone, locale)} → {p.end ? inZone(p.end, zone, locale) : 'still paused'} <span className="muted">{duration(p.clockMinutes)} of clock time</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <DisputeThread
        disputes={e.disputes}
        decided={(['response', 'resolution'] as const).filter((m) => e[m].verdict !== 'pending')}
        canRaise={permissions.includes('dispute.raise')}
        canAnswer={permissions.includes('dispute.answer')}
        zone={zone}
        bounds={e.disputeBounds}
        result={disputeResult}
      />
      <p className="muted">
        Policy v{e.policy.version} “{e.policy.name}”, times in {zone}, as of {inZone(e.asOf, zone, locale)}.
      </p>
    </>
  )
}
