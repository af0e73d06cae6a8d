// What a user tripped over on the QBR, packs and SLA pages (issue 12 §4), each checked as the user meets it.
import path from 'node:path'
import { expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { seedDemoQbrs } from '../../server/demo/seed-qbrs.server.ts'
import { quarterName, quarterIndex } from '../../server/roadmap/budget.ts'
import { currentQuarter } from '../../server/roadmap/roadmap-budget.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'

const SLUG = 'northwind-contoso'
const e2e = useServerAndBrowser()
const hydrated = () => document.documentElement.dataset.hydrated === 'true'

it('QBR forms: a new QBR proposes a free quarter, an added agenda item empties the form, packs propose the next QBR’s quarter', async () => {
  await seedDemo({ activity: false })
  // Last quarter's QBR closed, this quarter's scheduled: as the demo seeds them.
  await seedDemoQbrs(await unsafeOperatorScope(SLUG), SLUG, { userId: null, label: 'test' })
  const current = currentQuarter(new Date())
  const next = quarterName(quarterIndex(current) + 1)
  const alex = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')

  await alex.goto(`${e2e.server.url}/p/${SLUG}/qbrs`)
  await alex.waitForFunction(hydrated)
  expect(await alex.locator('#new-quarter').inputValue()).toBe(next)

  await alex.goto(`${e2e.server.url}/p/${SLUG}/qbrs/${current}`)
  await alex.waitForFunction(hydrated)
  await alex.getByLabel('New agenda item').fill('Printer fleet renewal')
  await alex.getByLabel('Minutes allotted').fill('25')
  await alex.getByRole('button', { name: 'Add to agenda' }).click()
  await alex.getByText('Agenda item added.').waitFor()
  await expect.poll(() => alex.getByLabel('New agenda item').inputValue()).toBe('')
  expect(await alex.getByLabel('Minutes allotted').inputValue()).toBe('10')
  // A second click now asks for a title instead of adding the same item again.
  await alex.getByRole('button', { name: 'Add to agenda' }).click()
  await alex.locator('#agenda-title-error').waitFor()
  expect(await alex.getByRole('listitem', { name: /^Agenda item \d+: Printer fleet renewal$/ }).count()).toBe(1)
  await alex.locator('section[aria-labelledby="attendees-heading"]').screenshot({ path: path.join(ARTIFACTS, 'qbr-attendees.png') })

  // This quarter's QBR is still to be held: its pack is the one being prepared, not last quarter's.
  await alex.goto(`${e2e.server.url}/p/${SLUG}/packs`)
  await alex.waitForFunction(hydrated)
  expect(await alex.getByLabel('Quarter').inputValue()).toBe(current)
  await alex.context().close()
})

// The demo's activity for one partnership (a year of tickets and a dated workspace history) takes a while to seed.
it('SLA pages: a ticket’s back link returns to its quarter, and the tickets that differ from the PSA are listed', { timeout: 150_000 }, async () => {
  await seedDemo({ only: [SLUG] })
  const previous = quarterName(quarterIndex(currentQuarter(new Date())) - 1)
  const sam = await signedInPage(e2e.browser, e2e.server.url, 'sam@northwind.example')

  await sam.goto(`${e2e.server.url}/p/${SLUG}/sla?quarter=${previous}`)
  await sam.waitForFunction(hydrated)
  const differ = sam.getByRole('link', { name: /^\d+ verdicts?$/ })
  const count = Number((await differ.textContent())!.split(' ')[0])
  expect(count).toBeGreaterThan(0)
  await differ.click()
  await sam.getByRole('heading', { name: `Where the PSA’s verdict differs (${count})` }).waitFor()
  const rows = sam.getByRole('region', { name: /Where the PSA’s verdict differs/ }).getByRole('row')
  // A page of 50 at most (ADR 030); the next page holds the rest of them.
  expect(await rows.count()).toBe(Math.min(count, 50) + 1)
  if (count > 50) {
    await sam.getByRole('navigation', { name: 'Pages of disagreements' }).getByRole('link', { name: /^Next/ }).click()
    await sam.getByRole('link', { name: 'First page' }).waitFor()
    expect(await rows.count()).toBe(Math.min(count - 50, 50) + 1)
    // And back: the page before is the first one again.
    await sam.getByRole('navigation', { name: 'Pages of disagreements' }).getByRole('link', { name: '← Previous 50' }).click()
    await sam.getByRole('link', { name: 'First page' }).waitFor({ state: 'detached' })
    expect(await rows.count()).toBe(51)
  }
  await sam.locator('#psa-differences').scrollIntoViewIfNeeded()
  await sam.screenshot({ path: path.join(ARTIFACTS, 'sla-psa-differences.png') })

  // A page link that is not one of ours is a bad request naming its parameter, with the way back.
  const bad = await sam.goto(`${e2e.server.url}/p/${SLUG}/sla?quarter=${previous}&breachesBefore=not-a-cursor`)
  expect(bad?.status()).toBe(400)
  expect(await sam.getByRole('alert').textContent()).toContain('before: Not a cursor of this list')
  await sam.getByRole('link', { name: `Show ${previous} from its first page` }).click()
  await sam.getByRole('heading', { name: `Service levels, ${previous}` }).waitFor()
  await sam.goto(`${e2e.server.url}/p/${SLUG}/sla?quarter=${previous}&differ=1`)
  await sam.waitForFunction(hydrated)

  await rows.nth(1).getByRole('link').click()
  const back = sam.getByRole('link', { name: `← SLAs, ${previous}` })
  await back.waitFor()
  await back.click()
  await sam.waitForURL((u) => u.pathname === `/p/${SLUG}/sla` && u.searchParams.get('quarter') === previous)
  await sam.getByRole('heading', { name: `Service levels, ${previous}` }).waitFor()
  await sam.context().close()
})
