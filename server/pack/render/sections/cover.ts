// The cover: provider, client, quarter, as-of instant, policy, and the contents.
import { PACK_SECTIONS } from '../../../../app/charts/pack-format.ts'
import type { SectionContext } from '../context.ts'
import { CONTENT_W, INK, M, MUTED, PAGE } from '../theme.ts'

export function drawCover({ s, w, instant }: SectionContext) {
  w.newPage('')
  w.doc.rect(0, 0, PAGE.width, 250).fill(w.accent)
  if (w.logo) {
    // On a white plate, so that a dark logo stays legible on the brand colour.
    w.doc.roundedRect(PAGE.width - M.right - 170, 50, 170, 70, 6).fill('#ffffff')
    w.drawLogo(PAGE.width - M.right - 160, 60, 150, 50)
  }
  w.setFont('bold', 14, '#ffffff')
  w.text(w.logo ? w.fit(s.msp.name, CONTENT_W - 190) : s.msp.name, M.left, 70)
  w.setFont('regular', 11, '#ffffff')
  w.text('Quarterly business review', M.left, 92)
  w.setFont('bold', 30, '#ffffff')
  w.text(s.client.name, M.left, 150, { width: CONTENT_W, lineBreak: true })
  w.setFont('bold', 20, INK)
  // In the client's fiscal year when it has one ("FY2027 Q1 (1 Apr – 30 Jun 2026)"), else the calendar quarter.
  w.text(s.quarterLabel ?? s.quarter, M.left, 290)
  w.setFont('regular', 10, MUTED)
  w.text(`Figures as of ${instant(s.asOf)}`, M.left, 320)
  w.text(s.policy ? `SLA policy v${s.policy.version} “${s.policy.name}”, clocks in ${s.timezone}` : `No SLA policy set; times in ${s.timezone}`, M.left, 336)
  w.text(s.period.toDate ? `${s.quarter} to date, compared with ${s.comparison.label}` : `Compared with ${s.previousQuarter}`, M.left, 352)
  w.setFont('bold', 10, INK)
  w.text('Contents', M.left, 400)
  w.setFont('regular', 10, INK)
  PACK_SECTIONS.forEach((sec, i) => w.text(`${i + 1}.  ${sec.title}`, M.left, 420 + i * 16))
}
