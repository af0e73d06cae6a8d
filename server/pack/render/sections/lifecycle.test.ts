import { describe, expect, it } from 'vitest'
import { buildPackSnapshot } from '../../../../tests/fixtures/pack-snapshot.ts'
import { pdfPages } from '../../../../tests/helpers/pdf-text.ts'
import { renderPack } from '../../render-pack.ts'

describe('the lifecycle section', () => {
  it('prints the frozen forecast: totals, each quarter by type with its reason and cost', async () => {
    const pages = await pdfPages(await renderPack(buildPackSnapshot()))
    const page = pages.find((p) => p.includes('Hardware lifecycle') && p.includes('due for replacement'))!
    expect(page).toContain('51 of 184 assets due for replacement by 2027-Q3')
    expect(page).toContain('6 assets have neither date and are not counted')
    expect(page).toMatch(/2027-Q2\s+Laptop\s+37\s+37 warranty ends\s+EUR 44,400/)
    expect(page).toMatch(/Server\s+3\s+1 warranty ends, 2 end of life, 1 overdue\s+EUR 18,600/)
  })

  it('says so when the pack has no assets (and packs frozen before the section read the same)', async () => {
    const { lifecycle: _, ...older } = buildPackSnapshot()
    const pages = await pdfPages(await renderPack(older))
    expect(pages.join('\n')).toContain('No assets were recorded for this client when this pack was generated')
  })
})
