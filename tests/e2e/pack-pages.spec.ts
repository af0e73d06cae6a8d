// CONVENTIONS 14: the pack is checked by content elsewhere (its text, read back); here by eye. Every page of a pack
// drawn from the fixture snapshot (non-ASCII names, long tables) is rendered to tests/artifacts/pack/page-NN.png,
// and each must hold a drawn page: a blank or missing page fails before anyone looks.
import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { countPages } from '../../server/pack/generate-pack.server.ts'
import { renderPack } from '../../server/pack/render-pack.ts'
import { buildPackSnapshot } from '../fixtures/pack-snapshot.ts'
import { launchChromium } from '../helpers/browser.ts'
import { ARTIFACTS } from '../helpers/e2e.ts'
import { renderPdfPages } from '../helpers/pdf-png.ts'
import { pdfPages } from '../helpers/pdf-text.ts'

const OUT = path.join(ARTIFACTS, 'pack')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const A4 = { width: 595.28, height: 841.89 }
const SCALE = 1.5

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

it('renders every page of the pack to PNG, each with content on it', async () => {
  const snapshot = {
    ...buildPackSnapshot({ client: 'Müller Präzisionsteile GmbH', msp: 'Łódź Logistics IT Services', breaches: 200, responsibilities: 40 }),
    // A QBR of the quarter, so that its pages hold tables too.
    qbr: {
      agenda: [
        { title: 'Service performance and SLAs', minutes: 30, presenter: 'Jürgen Öztürk', notes: 'Attainment held above target; P2 resolution to be watched.' },
        { title: 'Łódź site security review', minutes: 20, presenter: null, notes: '' },
        { title: 'Budget', minutes: 15, presenter: 'Zoë Ångström', notes: '' },
      ],
      attendees: [
        { name: 'Jürgen Öztürk', party: 'MSP' as const },
        { name: 'Zoë Ångström', party: 'CLIENT' as const },
      ],
      previousActionItems: [
        { title: 'Replace the edge firewall in Łódź', owner: 'Sam Lee', party: 'MSP', due: '2026-08-15', status: 'DONE' },
        { title: 'Sign the DR runbook', owner: 'Zoë Ångström', party: 'CLIENT', due: '2026-09-30', status: 'OPEN' },
      ],
    },
  }
  const pdf = await renderPack(snapshot)
  fs.rmSync(OUT, { recursive: true, force: true })
  const pages = await renderPdfPages(browser, pdf, OUT, { scale: SCALE })

  expect(pages.length).toBe(countPages(pdf))
  expect(pages.length).toBe((await pdfPages(pdf)).length)
  expect(fs.readdirSync(OUT).sort()).toEqual(pages.map((p) => path.basename(p.file)))
  for (const p of pages) {
    const name = path.basename(p.file)
    expect(fs.readFileSync(p.file).subarray(0, 8), name).toEqual(PNG_SIGNATURE)
    expect({ width: p.width, height: p.height }, name).toEqual({ width: Math.ceil(A4.width * SCALE), height: Math.ceil(A4.height * SCALE) })
    // A page of the pack carries at least a heading, a table or a chart and its footer; none is mostly ink.
    expect(p.inkRatio, name).toBeGreaterThan(0.01)
    expect(p.inkRatio, name).toBeLessThan(0.5)
  }
  // The cover's band in the MSP's colour spans the top 250 pt of 842.
  expect(pages[0].inkRatio).toBeGreaterThan(0.25)
})

it('renders a pack with a narrative: the summary after the cover, a note atop its section, a long one across pages', async () => {
  const summary =
    'Contoso’s quarter in brief: response targets were met every month, and the two P1 outages in August were traced to the upstream ISP, not to the managed estate.\n\nThe backlog halved after the July migration. Next quarter we focus on the firewall refresh and the restore tests the standards assessment flagged.'
  const snapshot = {
    ...buildPackSnapshot({ client: 'Contoso Manufacturing', msp: 'Northwind Managed Services' }),
    narrative: {
      version: 3,
      updatedBy: 'Alex Rivera <alex@northwind.example>',
      updatedAt: '2026-10-04T09:30:00Z',
      summary,
      notes: {
        sla: 'Two resolution breaches were waits on a hardware vendor; both are disputed below.',
        tickets: Array.from({ length: 70 }, (_, i) => `Line ${i + 1} of a long note that runs past the page.`).join('\n'),
        roadmap: 'The firewall refresh moves to Q1 so that it follows the budget approval.',
      },
    },
  }
  const out = path.join(ARTIFACTS, 'pack-narrative')
  fs.rmSync(out, { recursive: true, force: true })
  const pdf = await renderPack(snapshot)
  const pages = await renderPdfPages(browser, pdf, out, { scale: SCALE })
  const text = await pdfPages(pdf)
  expect(text[1]).toContain('Executive summary')
  expect(text[1]).toContain('Contoso’s quarter in brief')
  expect(text[1]).toContain('Narrative v3, last edited by Alex Rivera on 4 Oct 2026')
  expect(text.find((t) => t.startsWith('SLA performance'))).toContain('Two resolution breaches were waits on a hardware vendor')
  // The long note continues on the next page, and the weekly chart follows it rather than running off the page.
  const first = text.findIndex((t) => t.includes('Line 1 of a long note'))
  expect(text[first + 1]).toContain('Line 70 of a long note')
  expect(text[first + 1]).toContain('Ticket trends (continued)')
  for (const p of pages) expect(p.inkRatio, path.basename(p.file)).toBeGreaterThan(0.01)
})
