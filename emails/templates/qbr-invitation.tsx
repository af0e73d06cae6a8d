import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter, formatInstant } from './layout.tsx'

export interface QbrInvitationProps {
  method: 'REQUEST' | 'CANCEL'
  /** Above 0 on a REQUEST: an update of an invitation already sent. */
  sequence: number
  title: string
  startsAt: Date
  endsAt: Date
  timezone: string
  location?: string | null
  url: string
  organizerName: string
  appUrl: string
}

export function qbrSubject(p: Pick<QbrInvitationProps, 'method' | 'sequence' | 'title' | 'startsAt' | 'timezone'>): string {
  const when = formatInstant(p.startsAt, p.timezone)
  if (p.method === 'CANCEL') return `Cancelled: ${p.title} (${when})`
  return p.sequence > 0 ? `Updated invitation: ${p.title} (${when})` : `Invitation: ${p.title} (${when})`
}

export function QbrInvitationEmail(p: QbrInvitationProps) {
  const cancelled = p.method === 'CANCEL'
  const heading = cancelled ? `${p.title} is cancelled` : p.sequence > 0 ? `${p.title}: new time or place` : `You're invited: ${p.title}`
  return (
    <Layout preview={heading} heading={heading} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>
        {cancelled ? 'This quarterly business review will not take place as planned. ' : ''}
        {formatInstant(p.startsAt, p.timezone)} – {formatInstant(p.endsAt, p.timezone)}
        {p.location ? `, ${p.location}` : ''}.
      </Paragraph>
      <Paragraph>Organised by {p.organizerName}.</Paragraph>
      {cancelled ? null : <Action href={p.url}>Open the QBR in Accord</Action>}
      <Paragraph>
        Agenda, minutes and the pack: <Link href={p.url}>{p.url}</Link>
      </Paragraph>
      <Muted>{cancelled ? 'The attached calendar file removes it from your calendar.' : 'The attached calendar invitation adds it to your calendar (or updates it there).'}</Muted>
    </Layout>
  )
}

export function qbrInvitationEmail(p: QbrInvitationProps): Promise<RenderedEmail> {
  return renderEmail(qbrSubject(p), <QbrInvitationEmail {...p} />)
}
