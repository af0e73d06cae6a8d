import { useRouteLoaderData } from '@remix-run/react'
import type { PartnershipLoader } from './p.$slug'
import { OrgLogo } from '~/components/org-logo'
import { ROLE_TEXT } from '~/utils/roles'

export default function PartnershipOverview() {
  const data = useRouteLoaderData<PartnershipLoader>('routes/p.$slug')
  if (!data) return null
  const p = data.partnership
  return (
    <>
      <p className="muted">
        Partnership <strong>{p.slug}</strong> · <span className={`badge badge-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span> · since{' '}
        <time dateTime={p.createdAt}>{p.createdAt.slice(0, 10)}</time>
      </p>
      <div className="grid-2">
        {([
          ['MSP', p.msp],
          ['Client', p.client],
        ] as const).map(([label, org]) => (
          <section key={label} className="card" aria-labelledby={`party-${label}`}>
            <div className="party-header">
              <OrgLogo org={org} size={32} />
              <div>
                <span className="eyebrow">{label}</span>
                <h2 id={`party-${label}`} className="party-title">
                  {org.name}
                </h2>
              </div>
            </div>
            <ul className="people">
              {org.members.map((m) => (
                <li key={m.email}>
                  <strong>{m.name}</strong> <span className="muted">{ROLE_TEXT[m.role]}</span>
                  <br />
                  <a href={`mailto:${m.email}`}>{m.email}</a>
                </li>
              ))}
            </ul>
            {org.members.length === 0 ? <p className="empty">No members yet.</p> : null}
          </section>
        ))}
      </div>
    </>
  )
}
