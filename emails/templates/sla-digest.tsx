import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Action, Layout, Paragraph, PreferencesFooter, formatInstant, styles } from './layout.tsx'
import type { BreachLine } from './sla-breach.tsx'

export interface SlaDigestProps {
  partnershipName: string
  /** The day the digest covers, YYYY-MM-DD (UTC). */
  day: string
  timezone: string
  breaches: BreachLine[]
  /** The partnership's SLA page. */
  url: string
  appUrl: string
}

export function SlaDigestEmail(p: SlaDigestProps) {
  const heading = `${p.breaches.length} SLA ${p.breaches.length === 1 ? 'breach' : 'breaches'} on ${p.day}`
  return (
    <Layout preview={`${heading} (${p.partnershipName})`} heading={heading} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>{p.partnershipName}: breaches of lower-priority tickets. P1 and P2 breaches were alerted as they happened.</Paragraph>
      <table className="data" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={styles.th}>Ticket</th>
            <th style={styles.th}>Priority</th>
            <th style={styles.th}>Target</th>
            <th style={styles.th}>Due</th>
          </tr>
        </thead>
        <tbody>
          {p.breaches.map((b) => (
            <tr key={`${b.externalId}-${b.metric}`}>
              <td style={styles.cell}>
                <Link href={b.url}>{b.externalId}</Link> {b.title}
              </td>
              <td style={styles.cell}>{b.priority}</td>
              <td style={styles.cell}>{b.metric}</td>
              <td style={styles.cell}>{formatInstant(b.dueAt, p.timezone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Action href={p.url}>Open the SLA report</Action>
    </Layout>
  )
}

export function slaDigestEmail(p: SlaDigestProps): Promise<RenderedEmail> {
  return renderEmail(`SLA digest ${p.day}: ${p.breaches.length} ${p.breaches.length === 1 ? 'breach' : 'breaches'} (${p.partnershipName})`, <SlaDigestEmail {...p} />)
}
