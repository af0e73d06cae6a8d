// The presentation view on a 900 px high laptop screen and a 900 px wide one: every slide fits the screen (only a
// long table scrolls, inside the slide's frame), the page has one main landmark, and each slide's headings follow in
// order under the deck's h1. Screenshots of each slide land in tests/artifacts/present/ to be looked at.
import fs from 'node:fs'
import path from 'node:path'
import axe from 'axe-core'
import { expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { currentQuarter } from '../../server/roadmap/roadmap-budget.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'

const SLUG = 'northwind-contoso'
const OUT = path.join(ARTIFACTS, 'present')
const e2e = useServerAndBrowser()

it('fits every slide on a 900 px screen, with one main landmark and headings in order', { timeout: 180_000 }, async () => {
  await seedDemo({ only: [SLUG] })
  const quarter = currentQuarter(new Date())
  await generatePack(await unsafeOperatorScope(SLUG), { userId: null, label: 'present-view test' }, { slug: SLUG, quarter })
  fs.rmSync(OUT, { recursive: true, force: true })
  fs.mkdirSync(OUT, { recursive: true })

  const problems: string[] = []
  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 900, height: 700 },
  ]) {
    const page = await signedInPage(e2e.browser, e2e.server.url, 'casey@contoso.example', { viewport })
    await page.context().addInitScript({ content: axe.source })
    await page.goto(`${e2e.server.url}/p/${SLUG}/packs/present/${quarter}`)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    const counter = page.locator('.present-bar [aria-live]')
    const total = Number((await counter.textContent())!.split('/')[1].trim())
    expect(total).toBeGreaterThan(5)
    for (let i = 1; i <= total; i++) {
      await expect.poll(() => counter.textContent()).toBe(`${i} / ${total}`)
      const title = await page.locator('#slide-title').textContent()
      const name = `${viewport.width}x${viewport.height}-${String(i).padStart(2, '0')}`
      await page.screenshot({ path: path.join(OUT, `${name}.png`) })
      const box = await page.locator('.present').evaluate((el) => {
        const body = el.querySelector('.slide-body')!
        // Rows of all its tables: the roadmap slide's items and budget together are a long list.
        const rows = [...body.querySelectorAll('table')].reduce((n, t) => n + t.querySelectorAll('tbody tr').length, 0)
        return { sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight, bottom: el.getBoundingClientRect().bottom, bodyScrolls: body.scrollHeight > body.clientHeight, rows }
      })
      if (box.sw > box.cw) problems.push(`${name} “${title}”: ${box.sw - box.cw} px too wide`)
      if (box.sh > box.ch || box.bottom > viewport.height) problems.push(`${name} “${title}”: the slide runs past the screen`)
      // Only a long list may scroll inside its slide; a chart or a short table must fit as it is.
      if (box.bodyScrolls && box.rows < 10) problems.push(`${name} “${title}”: scrolls with no long list on it`)
      const violations = await page.evaluate(async () => {
        const r = await (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: ['heading-order', 'landmark-one-main', 'landmark-no-duplicate-main', 'page-has-heading-one'] })
        return r.violations.map((v) => v.id)
      })
      if (violations.length) problems.push(`${name} “${title}”: axe ${violations.join(', ')}`)
      if (i < total) await page.keyboard.press('ArrowRight')
    }
    await page.context().close()
  }
  expect(problems).toEqual([])
})
