import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { KPI_TILES } from '../../../app/charts/pack-format.ts'
import { packLogo } from '../../../tests/fixtures/logo.ts'
import { buildPackSnapshot } from '../../../tests/fixtures/pack-snapshot.ts'
import { pdfPages } from '../../../tests/helpers/pdf-text.ts'
import { readPptx } from '../../../tests/helpers/pptx.ts'
import { renderPack } from '../render-pack.ts'
import { renderPackPptx } from './render-pptx.ts'

const VERSION = { version: 3, sha256: 'ab'.repeat(32) }

describe('renderPackPptx', () => {
  it('opens as a deck: a slide per section (long tables over several), the hash in every slide notes', { timeout: 20_000 }, async () => {
    const slides = await readPptx(await renderPackPptx(buildPackSnapshot({ breaches: 40 }), VERSION))
    // Cover, summary, SLA (table, chart, first breaches), tickets, key person, service KPIs (a note: the fixture has
    // none), matrix, changes, roadmap (items, budget), CSI, hardware lifecycle, standards alignment (scores, top
    // misalignments), actions, agenda, appendix (40 rows at 12 a slide: 4), changes appendix.
    expect(slides).toHaveLength(1 + 1 + 3 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 1 + 2 + 1 + 1 + 4 + 1)
    expect((await readPptx(await renderPackPptx(buildPackSnapshot({ breaches: 13 }), VERSION))).length).toBe(21)
    const lifecycle = slides.find((s) => s.texts[0] === 'Hardware lifecycle')!
    expect(lifecycle.texts).toEqual(expect.arrayContaining(['2027-Q2', 'Laptop', '37', '37 warranty ends', 'EUR 44,400']))
    const alignment = slides.find((s) => s.texts[0] === 'Standards alignment')!
    expect(alignment.texts).toEqual(expect.arrayContaining(['Identity', '64%', '48%', '+16 pts']))
    for (const s of slides) expect(s.notes).toContain(`SHA-256 of the frozen PDF: ${VERSION.sha256}`)
    expect(slides[0].texts).toEqual(expect.arrayContaining(['Contoso Manufacturing', 'Northwind Managed Services', '2026-Q3']))
    const appendix = slides.filter((s) => s.texts[0]?.startsWith('Appendix: breached tickets'))
    expect(appendix.map((s) => s.texts[0])).toEqual([1, 2, 3, 4].map((i) => `Appendix: breached tickets (${i} of 4)`))
    expect(appendix.flatMap((s) => s.texts.filter((t) => /^T-\d{5}$/.test(t)))).toHaveLength(40)
    expect(appendix.every((s) => s.tables === 1)).toBe(true)
  })

  it('prints the figures of the PDF: the KPI tiles, the charts data and the tables', { timeout: 20_000 }, async () => {
    const snapshot = buildPackSnapshot()
    const [slides, pdf] = await Promise.all([readPptx(await renderPackPptx(snapshot, VERSION)), renderPack(snapshot).then(pdfPages)])
    const summary = slides.find((s) => s.texts[0] === 'Executive summary')!
    const pdfSummary = pdf.find((p) => p.startsWith('Executive summary'))!
    for (const t of KPI_TILES) {
      const i = summary.texts.indexOf(t.label.toUpperCase())
      expect(i).toBeGreaterThan(0)
      // The tile's value and change, as the PDF's tile prints them.
      expect(pdfSummary).toContain(summary.texts[i + 1])
      expect(pdfSummary).toContain(summary.texts[i + 2])
    }
    expect(summary.texts).toEqual(expect.arrayContaining(['97.3%', '1,234', '+54 vs 2026-Q2', '99.95%']))

    const monthly = slides.find((s) => s.texts[0] === 'SLA performance: attainment per month')!.charts[0]
    expect(monthly.series).toEqual([
      { name: 'Response', values: [97, 98.5, 96] },
      { name: 'Resolution', values: [90, null, 93] },
    ])
    const weekly = slides.find((s) => s.texts[0] === 'Ticket trends')!.charts
    expect(weekly[0].series.map((x) => x.name)).toEqual(['P1', 'P2', 'P3', 'P4'])
    expect(weekly[0].series[2].values).toEqual(snapshot.tickets.weekly.map((w) => w.byPriority.P3))
    expect(weekly[1].series[0].values).toEqual([800, 300, 134])

    const sla = slides.find((s) => s.texts[0] === 'SLA performance')!.texts
    // The "All" row: response 1,000 met, 10 breached; the PDF's row says the same.
    expect(sla.slice(sla.indexOf('All'), sla.indexOf('All') + 10)).toEqual(['All', '99.0%', '1,000', '10', '0', '96.8%', '900', '30', '6'])
    expect(pdf.join('\n')).toContain('All 99.0% 1,000 10 0 96.8% 900 30 6')
    const roadmap = slides.find((s) => s.texts[0] === 'Roadmap and budget')!.texts
    expect(roadmap).toEqual(expect.arrayContaining(['USD 12,000', 'USD 800/mo']))
    expect(pdf.join('\n')).toContain('USD 12,000 USD 800/mo')
  })
})

describe('the MSP logo frozen in the snapshot', () => {
  it('is drawn once into the PDF and referenced from the cover and every page header, and placed on the slides', { timeout: 20_000 }, async () => {
    const snapshot = buildPackSnapshot({ logo: packLogo() })
    const pdf = await renderPack(snapshot)
    const plain = await renderPack(buildPackSnapshot())
    // One image (with its alpha channel as a soft mask: two objects), however many pages draw it.
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(2)
    expect(plain.toString('latin1')).not.toContain('/Subtype /Image')
    const deck = await JSZip.loadAsync(await renderPackPptx(snapshot, VERSION))
    expect(Object.keys(deck.files).filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThan(0)
    const cover = await deck.file('ppt/slides/slide1.xml')!.async('string')
    expect(cover).toContain('<p:pic>')
  })
})
