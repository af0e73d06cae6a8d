// The responsibility matrix, rows changed since the last QBR marked (the changes themselves: sections/changes.ts).
import { enumLabel } from '../../../../app/utils/labels.ts'
import { type SectionContext, sectionTitle } from '../context.ts'
import { CONTENT_W } from '../theme.ts'
import { sinceText } from './changes.ts'

const CHANGED = '#dc6803'

export function drawResponsibilities({ s, w, day }: SectionContext) {
  const { rows } = s.responsibilities
  w.newPage(sectionTitle('responsibilities'))
  w.heading(sectionTitle('responsibilities'))
  w.note(`Rows marked with a bar changed since ${sinceText(s, day)}.`)
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

}
