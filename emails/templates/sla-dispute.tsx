import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter } from './layout.tsx'

export interface SlaDisputeProps {
  partnershipName: string
  step: 'RAISED' | 'ACCEPTED' | 'REJECTED'
  ticket: string
  metric: 'response' | 'resolution'
  computedVerdict: 'met' | 'breached'
  agreedVerdict: 'met' | 'breached' | null
  by: string
  /** The client's reason, or the MSP's answer. */
  body: string
  url: string
  appUrl: string
}

const SUBJECT: Record<SlaDisputeProps['step'], string> = {
  RAISED: 'SLA verdict disputed',
  ACCEPTED: 'SLA dispute accepted',
  REJECTED: 'SLA dispute rejected',
}

function summary(p: SlaDisputeProps): string {
  const verdict = `the ${p.metric} verdict (${p.computedVerdict}) of ticket ${p.ticket}`
  if (p.step === 'RAISED') return `${p.by} disputes ${verdict}.`
  if (p.step === 'ACCEPTED') return `${p.by} accepted your dispute of ${verdict}: the agreed figures count it as ${p.agreedVerdict}.`
  return `${p.by} rejected your dispute of ${verdict}: it stays ${p.computedVerdict}.`
}

export function SlaDisputeEmail(p: SlaDisputeProps) {
  return (
    <Layout preview={`${SUBJECT[p.step]}: ${p.ticket}`} heading={`${SUBJECT[p.step]}: ticket ${p.ticket}`} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>{summary(p)}</Paragraph>
      <Muted>
        {p.step === 'RAISED' ? 'Reason' : 'Answer'}: {p.body}
      </Muted>
      <Paragraph>{p.partnershipName}</Paragraph>
      <Action href={p.url}>{p.step === 'RAISED' ? 'Review the dispute' : 'See the dispute'}</Action>
      <Paragraph>
        Link: <Link href={p.url}>{p.url}</Link>
      </Paragraph>
    </Layout>
  )
}

export function slaDisputeEmail(p: SlaDisputeProps): Promise<RenderedEmail> {
  return renderEmail(`${SUBJECT[p.step]}: ticket ${p.ticket} (${p.partnershipName})`, <SlaDisputeEmail {...p} />)
}
