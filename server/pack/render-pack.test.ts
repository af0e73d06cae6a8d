import { describe, expect, it } from 'vitest'
import { buildPackSnapshot } from '../../tests/fixtures/pack-snapshot.ts'
import { pdfPages } from '../../tests/helpers/pdf-text.ts'
import { HOSTILE_SVG, packLogo } from '../../tests/fixtures/logo.ts'
import { sanitiseLogo } from '../organizations/logo.ts'
import { forgetDecodedLogos } from './render/logo-image.ts'
import { renderBreachTable, renderPack } from './render-pack.ts'

describe('renderPack', () => {
  it('gives the same bytes for the same snapshot, and different bytes for a different one', async () => {
    const s = buildPackSnapshot()
    const [a, b] = [await renderPack(s), await renderPack(structuredClone(s))]
    expect(Buffer.compare(a, b)).toBe(0)
    expect(a.subarray(0, 5).toString()).toBe('%PDF-')
    const c = await renderPack({ ...s, kpis: { ...s.kpis, tickets: { current: 1235, previous: 1180 } } })
    expect(Buffer.compare(a, c)).not.toBe(0)
  })

  it('gives the same bytes with the logo decoded afresh as with the logo this process decoded for an earlier pack', async () => {
    const s = buildPackSnapshot({ logo: packLogo() })
    forgetDecodedLogos()
    const fresh = await renderPack(s)
    const reused = await renderPack(structuredClone(s))
    expect(Buffer.compare(fresh, reused)).toBe(0)
    // Another logo is another image, not the one decoded before.
    const red = sanitiseLogo(Buffer.from(HOSTILE_SVG.replace('#6e40c9', '#c94040')))
    const other = { ...s, msp: { ...s.msp, logo: { png: red.png.toString('base64'), width: red.width, height: red.height } } }
    expect(Buffer.compare(await renderPack(other), fresh)).not.toBe(0)
    forgetDecodedLogos()
    expect(Buffer.compare(await renderPack(s), fresh)).toBe(0)
  })

  it('draws the standards alignment against the previous assessment with the top misalignments, or says there is none', async () => {
    const pages = await pdfPages(await renderPack(buildPackSnapshot()))
    const page = pages.find((p) => p.startsWith('Standards alignment'))!
    expect(page).toContain('72%')
    expect(page).toContain('+8 pts vs Baseline assessment (64%')
    expect(page).toContain('Identity')
    expect(page).toContain('+16 pts (was 48%)')
    expect(page).toContain('Has a restore been tested')
    const empty = await pdfPages(await renderPack({ ...buildPackSnapshot(), alignment: { current: null, previous: null, top: [] } }))
    expect(empty.find((p) => p.startsWith('Standards alignment'))).toContain('No standards assessment had been reviewed by the date of this pack.')
    const older = await pdfPages(await renderPack({ ...buildPackSnapshot(), alignment: undefined }))
    expect(older.find((p) => p.startsWith('Standards alignment'))).toContain('frozen before standards assessments existed')
  })

  it('dates the document at the as-of instant, not at the time of drawing', async () => {
    const text = (await renderPack(buildPackSnapshot())).toString('latin1')
    expect(text.match(/\(D:20261005120000Z\)/g)).toHaveLength(2)
    expect(text).not.toContain(`(D:${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`)
  })

  it('sets client and provider names in any script the font has', async () => {
    const pages = await pdfPages(await renderPack(buildPackSnapshot({ client: 'Müller Präzisionsteile GmbH', msp: 'Łódź Logistics' })))
    expect(pages[0]).toContain('Müller Präzisionsteile GmbH')
    expect(pages[0]).toContain('Łódź Logistics')
    expect(pages.join('\n')).toContain('Łódź site')
  })

  it('breaks long tables across pages, repeating the header, with page numbers in the footer', async () => {
    const s = buildPackSnapshot({ breaches: 200, responsibilities: 90 })
    const pages = await pdfPages(await renderPack(s))
    const appendix = pages.filter((p) => p.startsWith('Appendix: breached tickets'))
    expect(appendix.length).toBeGreaterThanOrEqual(4)
    for (const page of appendix.slice(1)) {
      expect(page).toContain('Appendix: breached tickets (continued)')
      expect(page).toContain('Ticket P Opened Title Queue Reason')
    }
    const rows = pages.join('\n').match(/^T-\d{5} /gm) ?? []
    // 15 on the SLA page, all 200 in the appendix.
    expect(rows.length).toBe(215)
    const matrix = pages.filter((p) => /^Category \d+ Function \d+ Core/m.test(p))
    expect(matrix.length).toBeGreaterThanOrEqual(2)
    for (const page of matrix) expect(page).toContain('Category Function Class MSP Client MSP owner Client owner')
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`))
  })

  it('sets every table header in full: one too wide for its column wraps onto a second line, never cut', async () => {
    const text = (await pdfPages(await renderPack(buildPackSnapshot()))).join('\n')
    expect(text).toContain('P Targets Response met breached pending Resolution met breached pending')
    expect(text).toContain('Committed Committed Committed Planned Planned\nPeriod one-time recurring total one-time recurring Planned total')
    expect(text).toContain('Opportunity Stage KPI Baseline Target 2026-Q3 On target')
    expect(text).toContain('not yet')
  })

  it('says that no QBR is scheduled while the snapshot has none', async () => {
    const text = (await pdfPages(await renderPack(buildPackSnapshot()))).join('\n')
    expect(text).toContain('No QBR scheduled')
  })

  it('writes no signed zero: a change that rounds to nothing is unsigned, at the precision of its figure', async () => {
    const text = (await pdfPages(await renderPack(buildPackSnapshot())))[1]
    expect(text).toContain('UPTIME\n99.95%\n0.00 pts vs 2026-Q2')
    expect(text).toContain('ESCALATION RATE\n4.2%\n0.0 pts vs 2026-Q2')
    expect(text).toContain('−0.7 pts vs 2026-Q2')
    expect(text).not.toMatch(/[−-]0\.0+\b/)
  })

  it('writes business-hours targets in business hours and 24×7 ones in calendar units', async () => {
    const sla = (await pdfPages(await renderPack(buildPackSnapshot()))).find((p) => p.startsWith('SLA performance'))!
    const flat = sla.replace(/\s+/g, ' ')
    expect(flat).toContain('P1 30 min / 4 h ')
    expect(flat).toContain('P4 8 business h / 50 99.0%')
    expect(sla).toMatch(/^business h$/m)
    // 50 business hours is not two calendar days.
    expect(sla).not.toMatch(/\d d \d+ h/)
  })

  it('wraps a breach reason and an item name onto more lines instead of cutting them', async () => {
    const reason = 'Response 8 business h 05 min / target 8 business h; Resolution 50 business h 01 min / target 50 business h'
    const title = 'Zero-trust network access for every branch office, the Łódź plant and the remote sales team in three countries'
    const s = buildPackSnapshot({ breaches: 1 })
    s.sla.breaches[0] = { ...s.sla.breaches[0], title: 'Printer', queue: 'Desk', reason }
    s.roadmap.items = [{ ...s.roadmap.items[0], title, oneTime: 100, recurring: 0 }]
    const pages = await pdfPages(await renderPack(s))
    const text = pages.join('\n')
    expect(text).not.toContain('…')
    // Text of the one cell that wraps reads on from line to line once the row's other cells are taken away.
    const appendix = pages.find((p) => p.startsWith('Appendix'))!.replace(/\s+/g, ' ')
    expect(appendix).toContain(`T-00001 P1 30 Jun 2026 Printer Desk ${reason}`)
    const roadmap = pages.find((p) => p.startsWith('Roadmap and budget'))!
    const row = roadmap.slice(roadmap.indexOf('2026-Q4 Zero-trust'), roadmap.indexOf('Budget roll-up'))
    expect(row.replace(/ (In progress|Critical|USD [\d,]+(\/mo)?)/g, '').replace(/^2026-Q4 /, '').replace(/\s+/g, ' ').trim()).toBe(title)
  })

  it('prints business words, never enum codes or field names', async () => {
    const text = (await pdfPages(await renderPack(buildPackSnapshot()))).join('\n')
    for (const word of ['In progress', 'Critical', 'Approved', 'High', 'Core', 'changed MSP RACI']) expect(text).toContain(word)
    expect(text).not.toMatch(/\b(IN_PROGRESS|CRITICAL|APPROVED|HIGH|CORE|mspRaci|oneTimeCents)\b/)
  })

  it('writes dates in one format, in the partnership\'s time zone', async () => {
    const pages = await pdfPages(await renderPack(buildPackSnapshot()))
    expect(pages[0]).toContain('Figures as of 5 Oct 2026, 08:00 GMT-4')
    // Midnight UTC on 1 July is still 30 June in New York.
    expect(pages.join('\n')).toContain('T-00001 P1 30 Jun 2026')
    expect(pages[1]).toContain('as of 5 Oct 2026')
    expect(pages.join('\n')).not.toMatch(/\b0\d [A-Z][a-z]{2} 20\d\d\b|\d{4}-\d{2}-\d{2}T/)
  })

  it('fits the attainment axis around the data and draws the goal', async () => {
    const sla = (await pdfPages(await renderPack(buildPackSnapshot()))).find((p) => p.startsWith('SLA performance'))!
    const chart = sla.slice(sla.indexOf('Attainment per month'), sla.indexOf('Service metrics'))
    expect(chart).toContain('Goal 95%')
    const ticks = [...chart.matchAll(/^(\d+)%$/gm)].map((m) => Number(m[1]))
    // The fixture's months run from 90 % to 98.5 %: the axis spans them and the goal, not 0–100 %.
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(80)
    expect(Math.min(...ticks)).toBeLessThanOrEqual(90)
    expect(Math.max(...ticks)).toBe(100)
  })

  it('draws the appendix alone for measurement, with the same header on every page', async () => {
    const pages = await pdfPages(await renderBreachTable(buildPackSnapshot({ breaches: 200 })))
    expect(pages.length).toBeGreaterThanOrEqual(4)
    for (const page of pages) expect(page).toContain('Ticket P Opened Title Queue Reason')
  })
})
