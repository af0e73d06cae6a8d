// The assets page (forecast → roadmap item in one step) and the PSA tickets page (a closed PSA ticket offers to
// close its item), in Chromium, hydrated, without console errors; screenshots in tests/artifacts/assets/.
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemoAssets } from '../../server/demo/seed-assets.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())
const OUT = path.join(ARTIFACTS, 'assets')

const violations = (page: Page) =>
  page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  })

it('an account manager plans a replacement from the forecast and closes an item its PSA ticket closed', async () => {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  await seedDemoAssets(p.id, p.slug, new Date(), new Date())
  await prisma.psaConnection.create({
    data: { partnershipId: p.id, kind: 'connectwise', credentials: 'v1.x.x.x', credentialHint: 'northwind', companyIds: ['250'], settings: { writeBack: { enabled: true, boards: ['1:Service Desk'] } } },
  })
  const item = await prisma.roadmapItem.create({ data: { partnershipId: p.id, title: 'Roll out MFA to every admin account', proposedBy: 'MSP', status: 'APPROVED' } })
  await prisma.psaTicketLink.create({
    data: { partnershipId: p.id, itemKind: 'ROADMAP_ITEM', itemId: item.id, kind: 'connectwise', idempotencyKey: randomUUID(), state: 'SENT', boardOrQueue: '1:Service Desk', externalId: '184523', ticketNumber: '184523', psaStatus: '>Closed', psaClosed: true, sentBy: 'Alex' },
  })
  await prisma.roadmapItem.create({ data: { partnershipId: p.id, title: 'Replace the core switch', proposedBy: 'MSP', status: 'APPROVED' } })

  const page = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.context().addInitScript({ content: axe.source })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(`${e2e.server.url}/p/northwind-contoso/assets`)
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true)
  await page.screenshot({ path: path.join(OUT, 'assets.png'), fullPage: true })
  expect(await violations(page)).toEqual([])
  await page.getByRole('button', { name: 'Add to roadmap' }).first().click()
  await page.waitForURL(/\/roadmap\/[0-9a-f-]{36}$/)
  expect(await page.getByLabel('Title').inputValue()).toMatch(/^Replace \d+ (laptops|assets) out of warranty( or past end of life)? by \d{4}-Q[1-4]$/)

  // The item's own page shows its PSA ticket, as of the last sync.
  await page.goto(`${e2e.server.url}/p/northwind-contoso/roadmap/${item.id}`)
  await page.getByText('PSA ticket #184523 · >Closed').waitFor()
  await page.goto(`${e2e.server.url}/p/northwind-contoso/psa-tickets`)
  await page.getByText('#184523').waitFor()
  await page.screenshot({ path: path.join(OUT, 'psa-tickets.png'), fullPage: true })
  expect(await violations(page)).toEqual([])
  await page.getByRole('button', { name: 'Close this item too' }).click()
  await page.getByText('The item is closed.').waitFor()
  expect((await prisma.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('DONE')
  expect(errors).toEqual([])
  await page.context().close()
})
