import { Link } from '@react-email/link'
import { ROLE_LABELS, type Role } from '../../server/access/permissions.ts'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, formatInstant } from './layout.tsx'

export interface InvitationProps {
  orgName: string
  inviterName: string
  role: Role
  link: string
  expiresAt: Date
}

export function InvitationEmail(p: InvitationProps) {
  return (
    <Layout preview={`Join ${p.orgName} on Accord`} heading={`You're invited to ${p.orgName}`} footer={<Muted>If you did not expect this invitation, ignore this message: nothing happens until the link is used.</Muted>}>
      <Paragraph>
        {p.inviterName} invited you to join {p.orgName} on Accord as {ROLE_LABELS[p.role]}.
      </Paragraph>
      <Action href={p.link}>Accept the invitation</Action>
      <Paragraph>
        Or open this link: <Link href={p.link}>{p.link}</Link>
      </Paragraph>
      <Muted>The link works once and expires on {formatInstant(p.expiresAt)}.</Muted>
    </Layout>
  )
}

export function invitationEmail(p: InvitationProps): Promise<RenderedEmail> {
  return renderEmail(`You're invited to ${p.orgName} on Accord`, <InvitationEmail {...p} />)
}
