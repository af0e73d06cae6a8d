import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { ROLE_LABELS, orRespond, requireApi } from '~/api.server'
import { type OrgLike, OrgLogo } from '~/components/org-logo'
import { partnershipTitle } from '~/components/partnership'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const partnership = await orRespond(caller.partnership.get({ slug: params.slug ?? '' }))
  // The role labels travel with the data: the registry lives on the server, and child pages label members with it.
  return json({ partnership, roleLabel: ROLE_LABELS[partnership.myRole], roleLabels: ROLE_LABELS }, { headers })
}

export type PartnershipLoader = typeof loader

export const meta: MetaFunction<typeof loader> = ({ matches }) => [{ title: partnershipTitle(matches) }]

/** One side of the partnership in the page header: logo, which party, name. */
function PartyHeader({ org, party }: { org: OrgLike; party: 'MSP' | 'Client' }) {
  return (
    <span className="party-header">
      <OrgLogo org={org} />
      <span>
        <span className="eyebrow">{party}</span>
        <span className="party-name">{org.name}</span>
      </span>
    </span>
  )
}

export default function PartnershipLayout() {
  const { partnership: p, roleLabel } = useLoaderData<typeof loader>()
  const mine = p.myParty === 'MSP' ? p.msp : p.client
  const can = (perm: string) => p.permissions.includes(perm)
  return (
    <div className="page">
      <header className="partnership-header">
        <h1 className="partnership-title">
          <PartyHeader org={p.msp} party="MSP" />
          <span className="partnership-link" aria-hidden="true">
            ↔
          </span>
          <span className="visually-hidden"> and </span>
          <PartyHeader org={p.client} party="Client" />
        </h1>
        <p className="partnership-you">
          <span className="muted">You:</span> <strong>{roleLabel}</strong> at {mine.name}{' '}
          <span className={`badge badge-party-${p.myParty.toLowerCase()}`}>{p.myParty === 'MSP' ? 'MSP side' : 'Client side'}</span>
        </p>
      </header>
      <nav className="subnav" aria-label="Partnership sections">
        <NavLink to={`/p/${p.slug}`} end>
          Overview
        </NavLink>
        {can('sla.read') ? <NavLink to={`/p/${p.slug}/sla`}>SLAs</NavLink> : null}
        {can('workspace.read') ? <NavLink to={`/p/${p.slug}/roadmap`}>Roadmap</NavLink> : null}
        {can('workspace.read') ? <NavLink to={`/p/${p.slug}/workspace`}>Responsibilities &amp; CSI</NavLink> : null}
        {can('assessment.read') ? <NavLink to={`/p/${p.slug}/assessments`}>Assessments</NavLink> : null}
        {can('qbr.read') ? <NavLink to={`/p/${p.slug}/qbrs`}>QBRs</NavLink> : null}
        {can('asset.read') ? <NavLink to={`/p/${p.slug}/assets`}>Assets</NavLink> : null}
        {can('workspace.read') ? <NavLink to={`/p/${p.slug}/psa-tickets`}>PSA tickets</NavLink> : null}
        {can('connector.read') ? <NavLink to={`/p/${p.slug}/connector`}>PSA sync</NavLink> : null}
        {can('pack.read') ? <NavLink to={`/p/${p.slug}/packs`}>QBR packs</NavLink> : null}
        <NavLink to={`/p/${p.slug}/members`}>Members</NavLink>
        {can('audit.read') ? <NavLink to={`/p/${p.slug}/audit`}>Audit</NavLink> : null}
        {can('partnership.manage') ? <NavLink to={`/p/${p.slug}/settings`}>Settings</NavLink> : null}
      </nav>
      <Outlet />
    </div>
  )
}
