// Executive summary: the six KPI tiles (value and change against the previous quarter) and a note on how they are counted.
import { KPI_TILES, fmtNum, tileDelta } from '../../../../app/charts/pack-format.ts'
import { duration } from '../../../../app/utils/format.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { NO_POLICY_TEXT } from './changes.ts'
import { CONTENT_W, INK, M, MUTED, RULE } from '../theme.ts'

const TILE_H = 80
const TILE_GAP = 12

export function drawSummary({ s, w }: SectionContext) {
  w.newPage(sectionTitle('summary'))
  w.heading(sectionTitle('summary'))
  // The narrative's summary (drawn under the heading) may fill the page: the tiles then start the next one.
  w.ensure(2 * (TILE_H + TILE_GAP))
  const tileW = (CONTENT_W - 2 * TILE_GAP) / 3
  KPI_TILES.forEach((t, i) => {
    const x = M.left + (i % 3) * (tileW + TILE_GAP)
    const y = w.y + Math.floor(i / 3) * (TILE_H + TILE_GAP)
    const pair = s.kpis[t.key]
    w.doc.roundedRect(x, y, tileW, TILE_H, 4).lineWidth(0.6).strokeColor(RULE).stroke()
    w.setFont('regular', 8, MUTED)
    w.text(t.label.toUpperCase(), x + 10, y + 10)
    w.setFont('bold', 20, INK)
    w.text(t.value(pair), x + 10, y + 26)
    w.setFont('regular', 8, MUTED)
    w.text(`${tileDelta(t, pair)} vs ${s.comparison?.label ?? s.previousQuarter}`, x + 10, y + 58)
  })
  w.y += 2 * (TILE_H + TILE_GAP) + 10
  if (!s.policy) w.note(`${NO_POLICY_TEXT} Median resolution ${duration(s.tickets.medianResolutionMinutes)} (calendar time); ${fmtNum(s.tickets.csatResponses)} CSAT answers.`)
  else w.note(
    `Attainment is met ÷ (met + breached) per clock, computed by Accord from ticket timestamps; pending tickets are counted beside it (${fmtNum(s.sla.overall.response.pending)} response, ${fmtNum(s.sla.overall.resolution.pending)} resolution pending${s.sla.completionUnknown ? `, of which ${fmtNum(s.sla.completionUnknown)} completion unknown` : ''}). ${fmtNum(s.sla.breachCount)} tickets breached an SLA in ${s.quarter}. Median resolution ${duration(s.tickets.medianResolutionMinutes)}; ${fmtNum(s.tickets.csatResponses)} CSAT answers.`,
  )
}
