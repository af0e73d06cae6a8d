import type { MetaFunction } from '@remix-run/node'
import { useRouteLoaderData } from '@remix-run/react'
import type { PartnershipLoader } from '~/routes/p.$slug'

const LAYOUT_ID = 'routes/p.$slug'

interface PartnershipLayoutData {
  partnership: { msp: { name: string }; client: { name: string } }
}

/** "Section · MSP ↔ Client · Accord", from the partnership layout's data. */
export function partnershipTitle(matches: ReadonlyArray<{ id: string; data: unknown }>, section?: string): string {
  const data = matches.find((m) => m.id === LAYOUT_ID)?.data as PartnershipLayoutData | undefined
  if (!data?.partnership) return section ? `${section} · Accord` : 'Accord'
  const parties = `${data.partnership.msp.name} ↔ ${data.partnership.client.name}`
  return [section, parties, 'Accord'].filter(Boolean).join(' · ')
}

/** A meta function for a page under the partnership layout. */
export function partnershipMeta(section: string): MetaFunction {
  return ({ matches }) => [{ title: partnershipTitle(matches, section) }]
}

/**
 * The partnership layout's data (the partnership, both parties' members, the caller's permissions and the role
 * labels), for the pages under it: read once by the layout's loader, not fetched again.
 */
export function usePartnership() {
  const data = useRouteLoaderData<PartnershipLoader>(LAYOUT_ID)
  // The layout renders its children only after its loader has answered.
  if (!data) throw new Error('usePartnership() outside the /p/:slug layout')
  return data
}
