import { Link } from '@remix-run/react'

/** A ticket in an SLA table: its id linking to the ticket's clock (for the quarter read, where there is one), and its title. */
export function TicketCell({ slug, ticket, quarter, hash }: { slug: string; ticket: { externalId: string; title: string }; quarter?: string; hash?: string }) {
  const to = `/p/${slug}/sla/tickets/${encodeURIComponent(ticket.externalId)}${quarter ? `?quarter=${quarter}` : ''}${hash ? `#${hash}` : ''}`
  return (
    <>
      <Link to={to}>{ticket.externalId}</Link> <span className="muted">{ticket.title}</span>
    </>
  )
}
