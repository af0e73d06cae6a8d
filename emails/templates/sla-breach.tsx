import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter, formatInstant } from './layout.tsx'

export interface BreachLine {
  externalId: string
  title: string
  priority: 'P1' | 'P2' | 'P3' | 'P4'
  metric: 'response' | 'resolution'
  dueAt: Date
  targetMinutes: number
  clock: '24x7' | 'business'
  /** The ticket's clock laid out (the explain page). */
  url: string
}

export interface SlaBreachProps {
  partnershipName: string
  timezone: string
  breach: BreachLine
  appUrl: string
}

const metricLabel = (m: BreachLine['metric']) => (m === 'response' ? 'first response' : 'resolution')
const minutes = (n: number) => (n % 60 === 0 ? `${n / 60} h` : `${n} min`)

export function SlaBreachEmail({ partnershipName, timezone, breach: b, appUrl }: SlaBreachProps) {
  const heading = `${b.priority} ${b.externalId} breached its ${metricLabel(b.metric)} target`
  return (
    <Layout preview={heading} heading={heading} footer={<PreferencesFooter appUrl={appUrl} />}>
      <Paragraph>
        {partnershipName}: “{b.title}”.
      </Paragraph>
      <Paragraph>
        Target {minutes(b.targetMinutes)} on the {b.clock === '24x7' ? '24×7' : 'business-hours'} clock; it was due {formatInstant(b.dueAt, timezone)}.
      </Paragraph>
      <Action href={b.url}>See the ticket's SLA clock</Action>
      <Paragraph>
        Link: <Link href={b.url}>{b.url}</Link>
      </Paragraph>
      <Muted>One alert per ticket and target: Accord will not send this one again.</Muted>
    </Layout>
  )
}

export function slaBreachEmail(p: SlaBreachProps): Promise<RenderedEmail> {
  return renderEmail(`SLA breach: ${p.breach.priority} ${p.breach.externalId} ${metricLabel(p.breach.metric)} (${p.partnershipName})`, <SlaBreachEmail {...p} />)
}
