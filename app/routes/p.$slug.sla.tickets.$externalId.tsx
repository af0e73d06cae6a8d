import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData, useParams } from '@remix-run/react'
import { orRespond, requireApi } from '~/api.server'
import { breachedDuration, clockLabel, duration, inZone } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export const meta: MetaFunction = ({ params }) => [{ title: `Ticket ${params.externalId} · Accord` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json(await orRespond(caller.sla.explainTicket({ slug: params.slug ?? '', externalId: params.externalId ?? '' })), { headers })
}

export default function TicketClock() {
  const locale = useLocale()
  const e = useLoaderData<typeof loader>()
  const { slug } = useParams()
  const zone = e.policy.timezone
  const t = e.ticket
  return (
    <>
      <p>
        <Link to={`/p/${slug}/sla`}>← SLAs</Link>
      </p>
      <h2>
        {t.externalId}: {t.title || '(no title)'}
      </h2>
      <p className="muted">
        {t.priority} (source: “{t.sourcePriority}”) · {t.status} · {t.queue ?? 'no queue'} · {t.assignee ?? 'unassigned'}
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
                <dd>{v.decidedAt ? inZone(v.decidedAt, zone, locale) : 'not yet'}</dd>
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
                  {inZone(p.start, zone, locale)} → {p.end ? inZone(p.end, zone, locale) : 'still paused'} <span className="muted">{duration(p.clockMinutes)} of clock time</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p className="muted">
        Policy v{e.policy.version} “{e.policy.name}”, times in {zone}, as of {inZone(e.asOf, zone, locale)}.
      </p>
    </>
  )
}
