// The responsibility matrix, rows changed since the last QBR marked, and the list of those changes.
import { fmtNum } from '../../../../app/charts/pack-format.ts'
import { enumLabel, fieldLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W } from '../theme.ts'

const CHANGED = '#dc6803'

export function drawResponsibilities({ s, w, day }: SectionContext) {
  const { rows, changes, since } = s.responsibilities
  w.newPage(sectionTitle('responsibilities'))
  w.heading(sectionTitle('responsibilities'))
  w.note(`Rows marked with a bar changed since the last QBR (${day(since)}): ${fmtNum(changes.length)} field changes.`)
  w.table(
    [
      { header: 'Category', width: 95 },
      { header: 'Function', width: 150 },
      { header: 'Class', width: 55 },
      { header: 'MSP', width: 35 },
      { header: 'Client', width: 40 },
      { header: 'MSP owner', width: 68 },
      { header: 'Client owner', width: CONTENT_W - 443 },
    ],
    rows.map((r) => [r.category, r.name, enumLabel(r.classification), r.mspRaci, r.clientRaci, r.mspOwner ?? '—', r.clientOwner ?? '—']),
    { mark: (i) => (rows[i].changed ? CHANGED : null) },
  )
  if (changes.length) {
    w.subheading('Changes since the last QBR')
    w.table(
      [
        { header: 'When', width: 62 },
        { header: 'Function', width: 150 },
        { header: 'Change', width: 120 },
        { header: 'By', width: CONTENT_W - 332 },
      ],
      changes.map((c) => [day(c.at), c.name, c.kind === 'changed' ? `${fieldLabel(c.field)} changed` : enumLabel(c.kind), c.by]),
    )
  }
}
