import { describe, expect, it } from 'vitest'
import { buildPackSnapshot } from '../../tests/fixtures/pack-snapshot.ts'
import { pdfPages } from '../../tests/helpers/pdf-text.ts'
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

  it('draws the appendix alone for measurement, with the same header on every page', async () => {
    const pages = await pdfPages(await renderBreachTable(buildPackSnapshot({ breaches: 200 })))
    expect(pages.length).toBeGreaterThanOrEqual(4)
    for (const page of pages) expect(page).toContain('Ticket P Opened Title Queue Reason')
  })
})
