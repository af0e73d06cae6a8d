import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter, formatInstant } from './layout.tsx'

export interface AtRiskLine {
  externalId: string
  title: string
  priority: 'P1' | 'P2' | 'P3' | 'P4'
  metric: 'response' | 'resolution'
  /** Share of the budget used when found, 0–1. */
  usedShare: number
  /** Null while the clock is held by an open pause. */
  dueAt: Date | null
  targetMinutes: number
  clock: '24x7' | 'business'
  /** The ticket's clock laid out (the explain page). */
  url: string
}

export interface SlaAtRiskProps {
  partnershipName: string
  timezone: string
  atRisk: AtRiskLine
  appUrl: string
}

const metricLabel = (m: AtRiskLine['metric']) => (m === 'response' ? 'first response' : 'resolution')
const minutes = (n: number) => (n % 60 === 0 ? `${n / 60} h` : `${n} min`)
const percent = (share: number) => `${Math.floor(share * 100)}%`

export function SlaAtRiskEmail({ partnershipName, timezone, atRisk: r, appUrl }: SlaAtRiskProps) {
  const heading = `${r.priority} ${r.externalId} has used ${percent(r.usedShare)} of its ${metricLabel(r.metric)} target`
  return (
    <Layout preview={heading} heading={heading} footer={<PreferencesFooter appUrl={appUrl} />}>
      <Paragraph>
        {partnershipName}: “{r.title}”.
      </Paragraph>
      <Paragraph>
        Target {minutes(r.targetMinutes)} on the {r.clock === '24x7' ? '24×7' : 'business-hours'} clock;{' '}
        {r.dueAt ? `it is due ${formatInstant(r.dueAt, timezone)}.` : 'its clock is on hold while the ticket waits.'}
      </Paragraph>
      <Action href={r.url}>See the ticket's SLA clock</Action>
      <Paragraph>
        Link: <Link href={r.url}>{r.url}</Link>
      </Paragraph>
      <Muted>One alert per ticket and target, before it breaches: Accord will not send this one again.</Muted>
    </Layout>
  )
}

export function slaAtRiskEmail(p: SlaAtRiskProps): Promise<RenderedEmail> {
  return renderEmail(
    `SLA at risk: ${p.atRisk.priority} ${p.atRisk.externalId} ${metricLabel(p.atRisk.metric)}, ${percent(p.atRisk.usedShare)} used (${p.partnershipName})`,
    <SlaAtRiskEmail {...p} />,
  )
}
