// The meeting's own pages: action items left by the last QBR, and this QBR's agenda (one page, two sections).
import { enumLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W } from '../theme.ts'
import { drawMeeting } from './changes.ts'

export function drawActionItems({ s, w, day }: SectionContext) {
  w.newPage(sectionTitle('actions'))
  w.heading(sectionTitle('actions'))
  if (!s.qbr) w.note('No QBR scheduled: there are no action items from a previous QBR to review.')
  else if (s.qbr.previousActionItems.length === 0) w.note('The last QBR left no action items.')
  else
    w.table(
      [
        { header: 'Action item', width: 220 },
        { header: 'Owner', width: 100 },
        { header: 'Party', width: 50 },
        { header: 'Due', width: 70 },
        { header: 'Status', width: CONTENT_W - 440 },
      ],
      s.qbr.previousActionItems.map((a) => [a.title, a.owner ?? '—', enumLabel(a.party), a.due ? day(a.due) : '—', enumLabel(a.status)]),
    )
}

export function drawAgenda(c: SectionContext) {
  const { s, w } = c
  w.y += 10
  w.heading(sectionTitle('agenda'))
  if (!s.qbr) w.note('No QBR scheduled for this quarter yet: the agenda appears here once the meeting is planned.')
  else
    w.table(
      [
        { header: '#', width: 24 },
        { header: 'Item', width: 300 },
        { header: 'Minutes', width: 60, align: 'right' },
        { header: 'Presenter', width: CONTENT_W - 384 },
      ],
      s.qbr.agenda.map((a, i) => [String(i + 1), a.title, a.minutes === null ? '—' : String(a.minutes), a.presenter ?? '—']),
    )
  drawMeeting(c)
}
