import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { ROLE_LABELS, orRespond, requireApi } from '~/api.server'
import { OrgLogo } from '~/components/org-logo'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const partnership = await orRespond(caller.partnership.get({ slug: params.slug ?? '' }))
  return json({ partnership, roleLabel: ROLE_LABELS[partnership.myRole] }, { headers })
}

export type PartnershipLoader = typeof loader

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.partnership.msp.name} ↔ ${data.partnership.client.name} · Accord` : 'Accord' },
]

export default function PartnershipLayout() {
  const { partnership: p, roleLabel } = useLoaderData<typeof loader>()
  const mine = p.myParty === 'MSP' ? p.msp : p.client
  const can = (perm: string) => p.permissions.includes(perm)
  return (
    <div className="page">
      <div className="partnership-header">
        <div className="party-header">
          <OrgLogo org={p.msp} />
          <div>
            <span className="eyebrow">MSP</span>
            <div className="party-name">{p.msp.name}</div>
          </div>
        </div>
        <span className="partnership-link" aria-hidden="true">
          ↔
        </span>
        <div className="party-header">
          <OrgLogo org={p.client} />
          <div>
            <span className="eyebrow">Client</span>
            <div className="party-name">{p.client.name}</div>
          </div>
        </div>
        <p className="muted partnership-you">
          You: {roleLabel} at {mine.name}
        </p>
      </div>
      <nav className="subnav" aria-label="Partnership sections">
        <NavLink to={`/p/${p.slug}`} end>
          Overview
        </NavLink>
        {can('sla.read') ? <NavLink to={`/p/${p.slug}/sla`}>SLAs</NavLink> : null}
        {can('workspace.read') ? <NavLink to={`/p/${p.slug}/roadmap`}>Roadmap</NavLink> : null}
        {can('workspace.read') ? <NavLink to={`/p/${p.slug}/workspace`}>Responsibilities &amp; CSI</NavLink> : null}
        <NavLink to={`/p/${p.slug}/members`}>Members</NavLink>
        {can('audit.read') ? <NavLink to={`/p/${p.slug}/audit`}>Audit</NavLink> : null}
      </nav>
      <Outlet />
    </div>
  )
}
