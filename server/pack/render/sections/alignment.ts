// Standards alignment: the last reviewed assessment's score against the one before it, per category with a bar, and
// the top misalignments with their recommended remediation (ADR 025).
import { alignmentDelta, fmtScore } from '../../../../app/charts/pack-format.ts'
import { enumLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { BAD, CONTENT_W, GOOD, INK, M, MUTED, RULE } from '../theme.ts'

const BAR_X = M.left + 150
const BAR_W = 200

export function drawAlignment({ s, w, day }: SectionContext) {
  w.newPage(sectionTitle('alignment'))
  w.heading(sectionTitle('alignment'))
  const a = s.alignment
  if (!a?.current) {
    w.note(a ? 'No standards assessment had been reviewed by the date of this pack.' : 'This pack was frozen before standards assessments existed.')
    return
  }
  const { current, previous } = a
  w.setFont('bold', 28, INK)
  w.text(fmtScore(current.overall), M.left, w.y)
  w.setFont('regular', 9, MUTED)
  w.text(`${current.title}, reviewed ${day(current.reviewedAt)}`, M.left + 110, w.y + 4)
  w.text(previous ? `${alignmentDelta(current.overall, previous.overall)} vs ${previous.title} (${fmtScore(previous.overall)}, ${day(previous.reviewedAt)})` : 'First reviewed assessment: nothing to compare with yet', M.left + 110, w.y + 17)
  w.y += 44
  w.note('Score: the severity-weighted share of applicable standards found aligned (weights low 1, medium 2, high 4, critical 8); “unknown” counts as not aligned, “not applicable” is left out.')
  w.subheading('By category')
  for (const c of current.categories) {
    w.ensure(20)
    w.setFont('regular', 9, INK)
    w.text(c.category, M.left, w.y + 2)
    w.doc.rect(BAR_X, w.y, BAR_W, 11).fill('#f3f4f6')
    if (c.score !== null) w.doc.rect(BAR_X, w.y, (BAR_W * c.score) / 100, 11).fill(c.score >= 80 ? GOOD : c.score >= 50 ? '#b7791f' : BAD)
    if (c.previous !== null) {
      const x = BAR_X + (BAR_W * c.previous) / 100
      w.doc.moveTo(x, w.y - 2).lineTo(x, w.y + 13).lineWidth(1.2).strokeColor(INK).stroke()
    }
    w.setFont('regular', 9, INK)
    const figure = c.score === null ? '— nothing applicable' : `${fmtScore(c.score)}   ${c.previous === null ? '' : `${alignmentDelta(c.score, c.previous)} (was ${fmtScore(c.previous)})`}`
    w.text(figure, BAR_X + BAR_W + 10, w.y + 2)
    w.y += 18
  }
  w.setFont('regular', 7.5, MUTED)
  w.text(previous ? 'The black tick marks the previous assessment’s score.' : '', M.left, w.y)
  w.doc.moveTo(M.left, w.y + 12).lineTo(M.left + CONTENT_W, w.y + 12).lineWidth(0.5).strokeColor(RULE).stroke()
  w.y += 22
  w.subheading('Top misalignments')
  if (a.top.length === 0) {
    w.note('Every applicable standard was found aligned.')
    return
  }
  w.table(
    [
      { header: 'Severity', width: 52 },
      { header: 'Category', width: 70 },
      { header: 'Standard', width: 180 },
      { header: 'Finding', width: 56 },
      { header: 'Recommended remediation', width: CONTENT_W - 358 },
    ],
    a.top.map((t) => [enumLabel(t.severity), t.category, t.question, t.alignment === 'MISALIGNED' ? 'misaligned' : 'unknown', t.remediation]),
    { mark: (i) => (a.top[i].severity === 'CRITICAL' || a.top[i].severity === 'HIGH' ? BAD : null) },
  )
}
