// One drawing per pack section, by the section's id in PACK_SECTIONS: the same figures, in the same formats, as the
// PDF's section files (server/pack/render/sections/), as editable shapes, native charts and native tables.
import { lifecycleRows } from '../../../app/charts/lifecycle-rows.ts'
import { CHANGES_SECTION_LIMIT, KPI_TILES, PRIORITY_COLORS, alignmentDelta, fmtMoney, fmtNum, fmtPct, fmtScore, packBudgetYear, packQuarter, tileDelta } from '../../../app/charts/pack-format.ts'
import { engineersText, serviceKpiNote, serviceKpiRows } from '../../../app/charts/service-kpi-rows.ts'
import { duration } from '../../../app/utils/format.ts'
import { enumLabel } from '../../../app/utils/labels.ts'
import type { Tally } from '../../sla/attainment.ts'
import { sectionTitle } from '../render/context.ts'
import { breachRows } from '../render/sections/breaches.ts'
import { NO_POLICY_TEXT, sinceText } from '../render/sections/changes.ts'
import { CONTENT_W, type DeckColumn, type DeckContext, INK, MUTED, RULE, SLIDE, note, tableSlides, titledSlide } from './deck.ts'

const hex = (c: string) => c.replace(/^#/, '').toUpperCase()
const tally = (t: Tally) => [fmtPct(t.attainment), fmtNum(t.met), fmtNum(t.breached), fmtNum(t.pending)]

function summary(c: DeckContext) {
  const { s } = c
  const slide = titledSlide(c, sectionTitle('summary'))
  const gap = 0.3
  const w = (CONTENT_W - 2 * gap) / 3
  const h = 1.9
  KPI_TILES.forEach((t, i) => {
    const x = SLIDE.margin + (i % 3) * (w + gap)
    const y = 1.4 + Math.floor(i / 3) * (h + gap)
    const pair = s.kpis[t.key]
    slide.addShape('roundRect', { x, y, w, h, rectRadius: 0.08, fill: { color: 'FFFFFF' }, line: { color: RULE, width: 1 } })
    slide.addText(t.label.toUpperCase(), { x: x + 0.2, y: y + 0.15, w: w - 0.4, h: 0.35, fontSize: 11, color: MUTED })
    slide.addText(t.value(pair), { x: x + 0.2, y: y + 0.55, w: w - 0.4, h: 0.7, fontSize: 32, bold: true, color: INK })
    slide.addText(`${tileDelta(t, pair)} vs ${s.comparison?.label ?? s.previousQuarter}`, { x: x + 0.2, y: y + 1.35, w: w - 0.4, h: 0.35, fontSize: 11, color: MUTED })
  })
  const text = s.policy
    ? `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}. Median resolution ${duration(s.tickets.medianResolutionMinutes)}; ${fmtNum(s.tickets.csatResponses)} CSAT answers.`
    : `${NO_POLICY_TEXT} Median resolution ${duration(s.tickets.medianResolutionMinutes)} (calendar time); ${fmtNum(s.tickets.csatResponses)} CSAT answers.`
  note(slide, text, 1.4 + 2 * (h + gap), 0.6)
}

function sla(c: DeckContext) {
  const { s } = c
  const policy = s.policy
  if (!policy) {
    note(titledSlide(c, sectionTitle('sla')), NO_POLICY_TEXT)
    return
  }
  const target = (p: keyof typeof policy.targets) => {
    const { responseMinutes, resolutionMinutes, clock } = policy.targets[p]
    const k = clock === 'business' ? 'business' : '24x7'
    return `${duration(responseMinutes, k)} / ${duration(resolutionMinutes, k)}`
  }
  const clock = (name: string): DeckColumn[] => [{ header: name, width: 1.2, align: 'right' }, ...['met', 'breached', 'pending'].map((h) => ({ header: h, width: 1, align: 'right' as const }))]
  tableSlides(c, sectionTitle('sla'), 'By priority', [{ header: 'P', width: 0.6 }, { header: 'Targets', width: 2.4 }, ...clock('Response'), ...clock('Resolution')], [
    ...s.sla.byPriority.map((p) => [p.priority, target(p.priority), ...tally(p.response), ...tally(p.resolution)]),
    ['All', '', ...tally(s.sla.overall.response), ...tally(s.sla.overall.resolution)],
  ], '')
  const slide = titledSlide(c, `${sectionTitle('sla')}: attainment per month`, 'Goal 95%')
  const months = s.sla.months.map((m) => m.month)
  // Native line chart: the figures stay editable data in the deck (a month without tickets is a gap).
  slide.addChart('line', [
    { name: 'Response', labels: months, values: s.sla.months.map((m) => m.response as number) },
    { name: 'Resolution', labels: months, values: s.sla.months.map((m) => m.resolution as number) },
  ], { x: SLIDE.margin, y: 1.4, w: CONTENT_W, h: 5.2, chartColors: [c.accent, '1A7F37'], showLegend: true, legendPos: 'b', valAxisLabelFormatCode: '0"%"', lineDataSymbol: 'circle', displayBlanksAs: 'gap' })
  tableSlides(c, `${sectionTitle('sla')}: breaches`, `${fmtNum(s.sla.breachCount)} tickets breached; the first ${Math.min(ROWS_FIRST, s.sla.breaches.length)} by priority, all in the appendix`, breachColumns, breachRows(s.sla.breaches.slice(0, ROWS_FIRST), c.day), 'No breaches.')
}
const ROWS_FIRST = 12
const breachColumns: DeckColumn[] = [
  { header: 'Ticket', width: 1.1 },
  { header: 'P', width: 0.4 },
  { header: 'Opened', width: 1.1 },
  { header: 'Title', width: 3 },
  { header: 'Queue', width: 1.2 },
  { header: 'Reason', width: 3 },
]

function tickets(c: DeckContext) {
  const { s } = c
  const slide = titledSlide(c, sectionTitle('tickets'), `Weekly volume by priority (${fmtNum(s.tickets.total)} tickets opened)`)
  const weeks = s.tickets.weekly.map((x) => x.week.slice(5))
  const priorities = ['P1', 'P2', 'P3', 'P4'] as const
  slide.addChart('bar', priorities.map((p) => ({ name: p, labels: weeks, values: s.tickets.weekly.map((x) => x.byPriority[p]) })), {
    x: SLIDE.margin, y: 1.4, w: CONTENT_W * 0.62, h: 5.2, barDir: 'col', barGrouping: 'stacked', chartColors: priorities.map((p) => hex(PRIORITY_COLORS[p])), showLegend: true, legendPos: 'b',
  })
  const queues = s.tickets.byQueue.slice(0, 12)
  slide.addChart('bar', [{ name: 'Tickets', labels: queues.map((q) => q.queue), values: queues.map((q) => q.count) }], {
    x: SLIDE.margin + CONTENT_W * 0.64, y: 1.4, w: CONTENT_W * 0.36, h: 5.2, barDir: 'bar', chartColors: [c.accent], showValue: true, showTitle: true, title: 'By queue', titleFontSize: 12,
  })
}

function keyPerson(c: DeckContext) {
  const { s } = c
  const slide = titledSlide(c, sectionTitle('key-person'), `Share of the ${fmtNum(s.keyPerson.total)} tickets opened in ${s.quarter} per assignee. The top three resolved ${fmtPct(s.keyPerson.topThreeCriticalShare === null ? null : s.keyPerson.topThreeCriticalShare * 100)} of the escalated or P1/P2 tickets.`)
  const people = s.keyPerson.assignees
  slide.addChart('bar', [{ name: 'Share', labels: people.map((a) => a.assignee), values: people.map((a) => a.share) }], {
    x: SLIDE.margin, y: 1.5, w: CONTENT_W, h: 5.1, barDir: 'bar', chartColors: ['8250DF'], showValue: true, dataLabelFormatCode: '0.0%', valAxisLabelFormatCode: '0%', valAxisMaxVal: 1,
  })
}

function responsibilities(c: DeckContext) {
  const { s } = c
  tableSlides(c, sectionTitle('responsibilities'), `Rows marked * changed since ${sinceText(s, c.day)}.`, [
    { header: 'Category', width: 1.6 }, { header: 'Function', width: 2.6 }, { header: 'Class', width: 1 }, { header: 'MSP', width: 0.6 }, { header: 'Client', width: 0.7 }, { header: 'MSP owner', width: 1.3 }, { header: 'Client owner', width: 1.3 },
  ], s.responsibilities.rows.map((r) => [r.category, `${r.changed ? '* ' : ''}${r.name}`, enumLabel(r.classification), r.mspRaci, r.clientRaci, r.mspOwner ?? '—', r.clientOwner ?? '—']), 'No responsibilities recorded.')
}

const changeColumns: DeckColumn[] = [{ header: 'When', width: 1.1 }, { header: 'Register', width: 1.1 }, { header: 'Item', width: 2.8 }, { header: 'Change', width: 3.2 }, { header: 'By', width: 1.6 }]
const person = (label: string) => label.replace(/\s*<[^>]*>\s*$/, '') || label
const changeRows = (c: DeckContext, limit = Infinity) => (c.s.changes?.lines ?? []).slice(0, limit).map((l) => [c.day(l.at), l.area, l.name, l.change, person(l.by)])

function changes(c: DeckContext) {
  const n = c.s.changes?.lines.length ?? 0
  tableSlides(c, sectionTitle('changes'), `${fmtNum(n)} ${n === 1 ? 'change' : 'changes'} since ${sinceText(c.s, c.day)}${n > CHANGES_SECTION_LIMIT ? `; the first ${CHANGES_SECTION_LIMIT}, all in the appendix` : ''}.`, changeColumns, changeRows(c, CHANGES_SECTION_LIMIT), `No changes since ${sinceText(c.s, c.day)}.`)
}

function roadmap(c: DeckContext) {
  const { quarters, items, budget } = c.s.roadmap
  tableSlides(c, sectionTitle('roadmap'), `Next four quarters: ${packQuarter(c.s, quarters[0])} to ${packQuarter(c.s, quarters[quarters.length - 1])}`, [
    { header: 'Quarter', width: 1 }, { header: 'Item', width: 3.4 }, { header: 'Status', width: 1.3 }, { header: 'Priority', width: 1 }, { header: 'One-time', width: 1.3, align: 'right' }, { header: 'Recurring', width: 1.5, align: 'right' },
  ], items.map((i) => [i.targetQuarter ? packQuarter(c.s, i.targetQuarter, true) : '—', i.title, enumLabel(i.status), enumLabel(i.priority), fmtMoney(i.oneTime, i.currency), `${fmtMoney(i.recurring, i.currency)}/${i.recurringPeriod === 'YEAR' ? 'yr' : 'mo'}`]), 'No roadmap items in these quarters.')
  for (const b of budget) {
    const slide = titledSlide(c, `Budget roll-up (${b.currency})`, 'Committed and planned, per quarter')
    slide.addChart('bar', [
      { name: 'Committed', labels: b.quarters.map((l) => packQuarter(c.s, l.period, true)), values: b.quarters.map((l) => l.committed.total) },
      { name: 'Planned', labels: b.quarters.map((l) => packQuarter(c.s, l.period, true)), values: b.quarters.map((l) => l.planned.total) },
    ], { x: SLIDE.margin, y: 1.4, w: CONTENT_W, h: 2.8, barDir: 'col', barGrouping: 'stacked', chartColors: [c.accent, 'AFB8C1'], showLegend: true, legendPos: 'r' })
    const header = ['Period', 'Committed one-time', 'Committed recurring', 'Committed total', 'Planned one-time', 'Planned recurring', 'Planned total']
    const rows = [...b.quarters.map((l) => ({ ...l, period: packQuarter(c.s, l.period, true) })), ...b.years.map((l) => ({ ...l, period: packBudgetYear(c.s, l.period) }))].map((l) => [l.period, ...[l.committed, l.planned].flatMap((k) => [fmtNum(k.oneTime), fmtNum(k.recurring), fmtNum(k.total)])])
    slide.addTable([header.map((h) => ({ text: h, options: { bold: true } })), ...rows.map((r) => r.map((t, j) => ({ text: t, options: { align: j ? ('right' as const) : ('left' as const) } })))], {
      x: SLIDE.margin, y: 4.35, w: CONTENT_W, fontSize: 9, color: INK, border: { type: 'solid', pt: 0.5, color: RULE }, rowH: 0.22,
    })
  }
}

function csi(c: DeckContext) {
  const { s } = c
  const period = s.period.toDate ? `${s.quarter} to date` : s.quarter
  tableSlides(c, sectionTitle('csi'), `KPI values over ${period}, from the same figures as the rest of this pack.`, [
    { header: 'Opportunity', width: 2.4 }, { header: 'Stage', width: 0.8 }, { header: 'KPI', width: 2.6 }, { header: 'Baseline', width: 1, align: 'right' }, { header: 'Target', width: 1, align: 'right' }, { header: period, width: 1.3, align: 'right' }, { header: 'On target', width: 1 },
  ], s.csi.map((k) => [k.opportunity, enumLabel(k.stage), k.kpi ?? '—', fmtNum(k.baseline, 1), fmtNum(k.target, 1), fmtNum(k.current, 1), k.onTarget === null ? '—' : k.onTarget ? 'yes' : 'not yet']), 'No improvement opportunities registered.')
}

function actions(c: DeckContext) {
  const q = c.s.qbr
  tableSlides(c, sectionTitle('actions'), undefined, [
    { header: 'Action item', width: 4 }, { header: 'Owner', width: 1.8 }, { header: 'Party', width: 0.9 }, { header: 'Due', width: 1.2 }, { header: 'Status', width: 1.2 },
  ], (q?.previousActionItems ?? []).map((a) => [a.title, a.owner ?? '—', enumLabel(a.party), a.due ? c.day(a.due) : '—', enumLabel(a.status)]), q ? 'The last QBR left no action items.' : 'No QBR scheduled: there are no action items from a previous QBR to review.')
}

function agenda(c: DeckContext) {
  const q = c.s.qbr
  const attendees = q?.attendees ?? []
  const who = attendees.length ? `Attendees: ${attendees.map((a) => `${a.name} (${a.party === 'MSP' ? c.s.msp.name : c.s.client.name})`).join(', ')}` : undefined
  tableSlides(c, sectionTitle('agenda'), who, [{ header: '#', width: 0.4 }, { header: 'Item', width: 5 }, { header: 'Minutes', width: 1, align: 'right' }, { header: 'Presenter', width: 2 }],
    (q?.agenda ?? []).map((a, i) => [String(i + 1), a.title, a.minutes === null ? '—' : String(a.minutes), a.presenter ?? '—']), 'No QBR scheduled for this quarter yet: the agenda appears here once the meeting is planned.')
  const minutes = (q?.agenda ?? []).filter((a) => a.notes?.trim())
  if (minutes.length) {
    const slide = titledSlide(c, 'Minutes')
    slide.addText(minutes.map((a) => ({ text: `${a.title}: ${a.notes.trim()}`, options: { bullet: true, breakLine: true } })), { x: SLIDE.margin, y: 1.4, w: CONTENT_W, h: 5.4, fontSize: 12, color: INK, valign: 'top' })
  }
}

function appendix(c: DeckContext) {
  const { s } = c
  if (!s.policy) return note(titledSlide(c, sectionTitle('appendix')), NO_POLICY_TEXT)
  tableSlides(c, sectionTitle('appendix'), `${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}${s.sla.breachCount > s.sla.breaches.length ? `; the ${fmtNum(s.sla.breaches.length)} listed are the first by priority and creation time` : ''}.`, breachColumns, breachRows(s.sla.breaches, c.day), 'No breaches.')
}

function changesAppendix(c: DeckContext) {
  tableSlides(c, sectionTitle('changes-appendix'), `Every change since ${sinceText(c.s, c.day)}, oldest first.`, changeColumns, changeRows(c), `No changes since ${sinceText(c.s, c.day)}.`)
}

function serviceKpis(c: DeckContext) {
  const k = c.s.serviceKpis
  if (!k) return note(titledSlide(c, sectionTitle('service-kpis')), c.s.policy ? 'Not in this pack: it was generated before service KPIs were part of the pack.' : 'No SLA policy was set, so there are no service KPIs.')
  // The same rows and texts as the presentation view and the PDF section (app/charts/service-kpi-rows.ts).
  const month = Math.min(1.2, (CONTENT_W - 2.6 - 2.4) / Math.max(1, k.monthly.length))
  tableSlides(c, sectionTitle('service-kpis'), serviceKpiNote(k), [
    { header: 'KPI', width: 2.6 }, { header: k.quarter, width: 1.2, align: 'right' }, { header: k.previousQuarter, width: 1.2, align: 'right' }, ...k.monthly.map((m) => ({ header: m.month, width: month, align: 'right' as const })),
  ], serviceKpiRows(k).map((r) => [r.label, r.text.current, r.text.previous, ...r.text.months]), 'No tickets in this quarter.')
  if (k.keyPerson.byQueue.length) {
    tableSlides(c, `${sectionTitle('service-kpis')}: key-person share per queue`, undefined, [{ header: 'Queue', width: 3 }, { header: 'Key-person share', width: 1.8, align: 'right' }, { header: 'Complex tickets', width: 1.8, align: 'right' }, { header: 'Engineers', width: 5.4 }],
      k.keyPerson.byQueue.map((q) => [q.queue, fmtPct(q.share), fmtNum(q.considered), engineersText(q)]), '')
  }
}

function lifecycle(c: DeckContext) {
  const l = c.s.lifecycle
  tableSlides(c, sectionTitle('lifecycle'), l && l.assets > 0 ? `${fmtNum(l.assets)} assets known at the pack's date; replacements due per quarter (out of warranty or past end of life).` : undefined,
    [{ header: 'Quarter', width: 1.4 }, { header: 'Type', width: 2.4 }, { header: 'Assets', width: 1.2, align: 'right' }, { header: 'Why', width: 4.3 }, { header: 'Replacement cost', width: 3, align: 'right' }],
    l && l.assets > 0 ? lifecycleRows(l) : [], 'No assets were recorded for this client when this pack was generated.')
}

function alignment(c: DeckContext) {
  const a = c.s.alignment
  if (!a?.current) return note(titledSlide(c, sectionTitle('alignment')), a ? 'No standards assessment had been reviewed by the date of this pack.' : 'This pack was frozen before standards assessments existed.')
  const { current, previous } = a
  const head = `${fmtScore(current.overall)} ${current.title}, reviewed ${c.day(current.reviewedAt)}${previous ? ` · ${alignmentDelta(current.overall, previous.overall)} vs ${previous.title} (${fmtScore(previous.overall)})` : ''}`
  tableSlides(c, sectionTitle('alignment'), head, [{ header: 'Category', width: 4 }, { header: 'Score', width: 2, align: 'right' }, { header: 'Previous', width: 2, align: 'right' }, { header: 'Change', width: 2, align: 'right' }],
    current.categories.map((x) => [x.category, fmtScore(x.score), fmtScore(x.previous), alignmentDelta(x.score, x.previous)]), '')
  tableSlides(c, `${sectionTitle('alignment')}: top misalignments`, undefined, [{ header: 'Severity', width: 1.2 }, { header: 'Category', width: 1.8 }, { header: 'Standard', width: 3.8 }, { header: 'Finding', width: 1.2 }, { header: 'Recommended remediation', width: 4.3 }],
    a.top.map((t) => [enumLabel(t.severity), t.category, t.question, t.alignment === 'MISALIGNED' ? 'misaligned' : 'unknown', t.remediation]), 'No misaligned standards.')
}

/**
 * The slides of each section, by PACK_SECTIONS id. A section added to the pack without a drawing here still gets a
 * titled slide pointing to the PDF (render-pptx.ts), so the deck never silently drops one.
 */
export const SLIDE_SECTIONS: Record<string, (c: DeckContext) => void> = {
  summary,
  sla,
  tickets,
  'key-person': keyPerson,
  'service-kpis': serviceKpis,
  responsibilities,
  changes,
  roadmap,
  csi,
  lifecycle,
  alignment,
  actions,
  agenda,
  appendix,
  'changes-appendix': changesAppendix,
}
