import { Link } from '@react-email/link'
import { type RenderedEmail, renderEmail } from '../render.tsx'
import { Layout, Paragraph, PreferencesFooter, formatDay, styles } from './layout.tsx'

export interface ReminderLine {
  title: string
  qbrTitle: string
  dueDate: Date
  state: 'DUE_SOON' | 'OVERDUE'
  url: string
}

export interface ActionItemReminderProps {
  ownerName: string
  items: ReminderLine[]
  appUrl: string
}

export function ActionItemReminderEmail(p: ActionItemReminderProps) {
  const overdue = p.items.filter((i) => i.state === 'OVERDUE').length
  const heading = overdue > 0 ? `${overdue} of your action items ${overdue === 1 ? 'is' : 'are'} overdue` : `Action items due soon`
  return (
    <Layout preview={heading} heading={heading} footer={<PreferencesFooter appUrl={p.appUrl} />}>
      <Paragraph>Hello {p.ownerName}, these action items from your QBRs are yours:</Paragraph>
      <table className="data" style={{ borderCollapse: 'collapse', width: '100%' }}>
        <thead>
          <tr>
            <th style={styles.th}>Action item</th>
            <th style={styles.th}>Due</th>
            <th style={styles.th}>State</th>
          </tr>
        </thead>
        <tbody>
          {p.items.map((i) => (
            <tr key={i.url + i.title}>
              <td style={styles.cell}>
                <Link href={i.url}>{i.title}</Link> ({i.qbrTitle})
              </td>
              <td style={styles.cell}>{formatDay(i.dueDate)}</td>
              <td style={styles.cell}>{i.state === 'OVERDUE' ? 'overdue' : 'due soon'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  )
}

export function actionItemReminderEmail(p: ActionItemReminderProps): Promise<RenderedEmail> {
  const overdue = p.items.some((i) => i.state === 'OVERDUE')
  const first = p.items[0]?.title ?? ''
  const more = p.items.length > 1 ? ` and ${p.items.length - 1} more` : ''
  return renderEmail(`${overdue ? 'Overdue' : 'Due soon'}: ${first}${more}`, <ActionItemReminderEmail {...p} />)
}
