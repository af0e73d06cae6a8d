// Dates in the reader's locale (issue 12 §2): the root loader negotiates Accept-Language, the server renders in that
// locale and the browser hydrates with the same, so a US reader sees US dates and React finds nothing to correct.
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { seedDemoQbrs } from '../../server/demo/seed-qbrs.server.ts'
import { quarterIndex, quarterName } from '../../server/roadmap/budget.ts'
import { currentQuarter } from '../../server/roadmap/roadmap-budget.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'

const SLUG = 'northwind-contoso'
const e2e = useServerAndBrowser()
const hydrated = () => document.documentElement.dataset.hydrated === 'true'
/** "Sep 10, 2026" (en-US) and "10 Sept 2026" (en-GB). */
const US_DATE = /\b[A-Z][a-z]{2} \d{1,2}, \d{4}\b/
const GB_DATE = /\b\d{1,2} [A-Z][a-z]{2,3} \d{4}\b/

/** The page's text once hydrated, with every console problem React reported on the way. */
async function readHydrated(page: Page, url: string): Promise<{ text: string; problems: string[] }> {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || (m.type() === 'warning' && /hydrat|did not match|React/i.test(m.text()))) problems.push(`${m.type()}: ${m.text().slice(0, 300)}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  await page.goto(url)
  await page.waitForFunction(hydrated)
  return { text: await page.locator('main').innerText(), problems }
}

it('renders QBR dates in the locale of Accept-Language, on the server and after hydration alike', async () => {
  await seedDemo({ activity: false })
  await seedDemoQbrs(await unsafeOperatorScope(SLUG), SLUG, { userId: null, label: 'test' })
  const previous = quarterName(quarterIndex(currentQuarter(new Date())) - 1)
  const pages = [`/p/${SLUG}/qbrs`, `/p/${SLUG}/qbrs/${previous}`]

  const us = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example', { locale: 'en-US' })
  for (const path of pages) {
    const { text, problems } = await readHydrated(us, `${e2e.server.url}${path}`)
    expect(problems, path).toEqual([])
    expect(text, path).toMatch(US_DATE)
    expect(text, path).not.toMatch(GB_DATE)
  }
  // The server's HTML itself is in the reader's locale: the browser did not rewrite it after the fact.
  const html = await (await us.request.get(`${e2e.server.url}${pages[0]}`, { headers: { 'accept-language': 'en-US,en;q=0.9' } })).text()
  expect(html).toMatch(US_DATE)
  await us.context().close()

  const gb = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example', { locale: 'en-GB' })
  const { text, problems } = await readHydrated(gb, `${e2e.server.url}${pages[0]}`)
  expect(problems).toEqual([])
  expect(text).toMatch(GB_DATE)
  expect(text).not.toMatch(US_DATE)
  await gb.context().close()
})
