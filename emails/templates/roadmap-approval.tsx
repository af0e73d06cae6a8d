import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter } from './layout.tsx'

export interface RoadmapApprovalProps {
  partnershipName: string
  title: string
  targetQuarter: string | null
  /** Budget as display text, e.g. "USD 12,000 one-time + 500 / month". */
  budget: string
  requestedBy: string
  /** Why approval is asked again: the reset reason recorded on the item; null when newly proposed. */
  resetReason: string | null
  url: string
  appUrl: string
}

export function RoadmapApprovalEmail(p: RoadmapApprovalProps) {
  return (
    <Layout preview={`Approval requested: ${p.title}`} heading={`Your approval is requested: ${p.title}`} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>
        {p.resetReason ? `${p.title} changed after it was approved, so it needs both parties' approval again.` : `${p.requestedBy} proposed ${p.title}.`}
      </Paragraph>
      {p.resetReason ? <Muted>{p.resetReason}</Muted> : null}
      <Paragraph>
        {p.partnershipName}
        {p.targetQuarter ? `, target ${p.targetQuarter}` : ''}; budget {p.budget}.
      </Paragraph>
      <Action href={p.url}>Review and approve</Action>
      <Paragraph>
        Link: <Link href={p.url}>{p.url}</Link>
      </Paragraph>
    </Layout>
  )
}

export function roadmapApprovalEmail(p: RoadmapApprovalProps): Promise<RenderedEmail> {
  return renderEmail(`Approval requested: ${p.title} (${p.partnershipName})`, <RoadmapApprovalEmail {...p} />)
}
