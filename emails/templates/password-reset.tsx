import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, formatInstant } from './layout.tsx'

export interface PasswordResetProps {
  name: string
  link: string
  expiresAt: Date
}

export function PasswordResetEmail(p: PasswordResetProps) {
  return (
    <Layout
      preview="Choose a new Accord password"
      heading="Choose a new password"
      footer={<Muted>If you did not ask for this, ignore this message: your password stays as it is, and the link expires unused.</Muted>}
    >
      <Paragraph>Hello {p.name}, someone (we hope you) asked to reset the password of your Accord account.</Paragraph>
      <Action href={p.link}>Choose a new password</Action>
      <Paragraph>
        Or open this link: <Link href={p.link}>{p.link}</Link>
      </Paragraph>
      <Muted>The link works once and expires at {formatInstant(p.expiresAt)}.</Muted>
    </Layout>
  )
}

export function passwordResetEmail(p: PasswordResetProps): Promise<RenderedEmail> {
  return renderEmail('Reset your Accord password', <PasswordResetEmail {...p} />)
}
