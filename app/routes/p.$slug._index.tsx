import { useRouteLoaderData } from '@remix-run/react'
import { LocalTime } from '~/components/local-time'
import { OrgLogo } from '~/components/org-logo'
import { partnershipMeta, usePartnership } from '~/components/partnership'
import type { loader as rootLoader } from '~/root'

export const meta = partnershipMeta('Overview')

const STATUS_TEXT = { ACTIVE: 'Active', PAUSED: 'Paused', ENDED: 'Ended' } as const

export default function PartnershipOverview() {
  const { partnership: p, roleLabel, roleLabels } = usePartnership()
  const me = useRouteLoaderData<typeof rootLoader>('root')?.user
  const mine = p.myParty === 'MSP' ? p.msp : p.client
  const parties = [
    { label: 'MSP', org: p.msp },
    { label: 'Client', org: p.client },
  ] as const
  return (
    <>
      {me ? (
        <p className="signed-in">
          You are signed in as <strong>{me.name}</strong>, {roleLabel} at {mine.name}.
        </p>
      ) : null}
      <dl className="facts-inline">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${p.status.toLowerCase()}`}>{STATUS_TEXT[p.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Partners since</dt>
          <dd>
            <LocalTime iso={p.since} dateOnly />
          </dd>
        </div>
        <div>
          <dt>Partnership</dt>
          <dd>
            <code>{p.slug}</code>
          </dd>
        </div>
      </dl>
      <div className="grid-2">
        {parties.map(({ label, org }) => (
          <section key={label} className="card" aria-labelledby={`party-${label}`}>
            <div className="party-header">
              <OrgLogo org={org} size={32} />
              <div>
                <span className="eyebrow">{label}</span>
                <h2 id={`party-${label}`} className="party-title">
                  {org.name}
                </h2>
              </div>
              <span className="muted party-count">
                {org.members.length} {org.members.length === 1 ? 'member' : 'members'}
              </span>
            </div>
            {org.members.length === 0 ? (
              <p className="empty">No members yet.</p>
            ) : (
              <ul className="people">
                {org.members.map((m) => (
                  <li key={m.email}>
                    <span>
                      <strong>{m.name}</strong>
                      {me?.email === m.email ? <span className="muted"> (you)</span> : null}
                    </span>
                    <span className="badge">{roleLabels[m.role]}</span>
                    <a href={`mailto:${m.email}`} className="people-email">
                      {m.email}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  )
}
