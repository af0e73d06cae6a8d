import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Muted, Paragraph, PreferencesFooter } from './layout.tsx'

export interface PackReadyProps {
  partnershipName: string
  qbrTitle: string
  version: number
  sha256: string
  generatedBy: string
  url: string
  appUrl: string
}

export function PackReadyEmail(p: PackReadyProps) {
  return (
    <Layout preview={`The QBR pack for ${p.qbrTitle} is ready`} heading={`The QBR pack for ${p.qbrTitle} is ready`} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>
        {p.generatedBy} generated version {p.version} of the pack for {p.partnershipName}.
      </Paragraph>
      <Action href={p.url}>Download the pack</Action>
      <Paragraph>
        Link: <Link href={p.url}>{p.url}</Link>
      </Paragraph>
      <Muted>SHA-256 {p.sha256}: the portal verifies a copy against it.</Muted>
    </Layout>
  )
}

export function packReadyEmail(p: PackReadyProps): Promise<RenderedEmail> {
  return renderEmail(`QBR pack ready: ${p.qbrTitle} (v${p.version})`, <PackReadyEmail {...p} />)
}
