// Ticket trends (weekly volume by priority, tickets by queue) and key-person dependency (share per assignee).
import { barChart, hBarChart } from '../../../../app/charts/geometry.ts'
import { PRIORITY_COLORS, fmtNum, fmtPct } from '../../../../app/charts/pack-format.ts'
import { drawBars, drawHBars } from '../charts.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W, M } from '../theme.ts'

export function drawTickets({ s, w }: SectionContext) {
  w.newPage(sectionTitle('tickets'))
  w.heading(sectionTitle('tickets'))
  // A long narrative note above may leave too little of the page for the chart: start it on the next.
  w.ensure(250)
  w.subheading(`Weekly volume by priority (${fmtNum(s.tickets.total)} tickets opened)`)
  const weekly = barChart({
    width: CONTENT_W,
    height: 200,
    stacked: true,
    categories: s.tickets.weekly.map((x) => x.week.slice(5)),
    series: (['P1', 'P2', 'P3', 'P4'] as const).map((p) => ({ name: p, color: PRIORITY_COLORS[p], values: s.tickets.weekly.map((x) => x.byPriority[p]) })),
  })
  drawBars(w, weekly, M.left, w.y)
  w.y += 210
  w.subheading('By queue')
  const queues = hBarChart({ width: CONTENT_W, labelWidth: 150, rowHeight: 16, color: w.accent, rows: s.tickets.byQueue.slice(0, 12).map((q) => ({ label: q.queue, value: q.count })) })
  w.ensure(queues.height)
  drawHBars(w, queues.bars, M.left, w.y)
  w.y += queues.height + 14
}

/** On the ticket page, below the queues: how concentrated the work is on a few people. */
export function drawKeyPerson({ s, w }: SectionContext) {
  w.subheading(sectionTitle('key-person'))
  w.note(
    `Share of the ${fmtNum(s.keyPerson.total)} tickets opened in ${s.quarter} per assignee. The top three resolved ${fmtPct(s.keyPerson.topThreeCriticalShare === null ? null : s.keyPerson.topThreeCriticalShare * 100)} of the escalated or P1/P2 tickets.`,
  )
  const people = hBarChart({ width: CONTENT_W, labelWidth: 150, rowHeight: 16, color: '#8250df', max: 1, rows: s.keyPerson.assignees.map((a) => ({ label: a.assignee, value: a.share })) })
  w.ensure(people.height)
  drawHBars(w, people.bars, M.left, w.y, (v) => fmtPct(v * 100))
  w.y += people.height + 10
}
