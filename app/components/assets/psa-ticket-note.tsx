import { Link } from '@remix-run/react'

/** On an item's page: its PSA ticket (number and status as of the last sync), and where to close it when the PSA did. */
export function PsaTicketNote({ slug, link }: { slug: string; link: { state: string; ticketNumber: string | null; psaStatus: string | null; psaClosed: boolean } | null }) {
  if (!link || link.state !== 'SENT') return null
  return (
    <p>
      PSA ticket #{link.ticketNumber} · {link.psaStatus || 'status not read yet'}
      {link.psaClosed ? (
        <>
          {' '}
          — closed in the PSA: <Link to={`/p/${slug}/psa-tickets`}>close this item too</Link>
        </>
      ) : null}
    </p>
  )
}
