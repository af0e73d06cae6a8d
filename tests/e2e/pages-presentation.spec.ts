// Issue 12 §2 on the pages, as a reader sees them in Chromium: the attainment chart is fitted around its goal with
// the goal drawn, and the roadmap and audit pages print business words, not enum codes, field names or ids.
// Screenshots go to tests/artifacts/pages/ for a look by eye.
import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { db } from '../../server/db/client.server.ts'
import { seedDemo } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())
const OUT = path.join(ARTIFACTS, 'pages')
const ENUM_CODE = /\b(IDEA|PROPOSED|APPROVED|IN_PROGRESS|DECLINED|LOW|MEDIUM|HIGH|CRITICAL|STRATEGIC|TACTICAL|SCHEDULED|HELD|DROPPED)\b|[a-z]+Cents\b/
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

it('draws SLA attainment on an axis fitted around the goal, with the goal line', async () => {
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  await seedPackData(p.id, { perDay: 2 })
  const page = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')
  await page.setViewportSize({ width: 1280, height: 1000 })
  await page.goto(`${e2e.server.url}/p/northwind-contoso/sla?quarter=2026-Q3`)
  fs.mkdirSync(OUT, { recursive: true })
  await page.screenshot({ path: path.join(OUT, 'sla.png'), fullPage: true })
  const chart = page.getByRole('img', { name: /attainment per month/ })
  await chart.waitFor()
  expect(await chart.locator('.chart-target text').textContent()).toBe('Goal 95%')
  const ticks = (await chart.locator('text').allTextContents()).filter((t) => /^\d+(\.\d+)?%$/.test(t)).map((t) => Number.parseFloat(t))
  expect(ticks.length).toBeGreaterThan(1)
  expect(Math.min(...ticks)).toBeGreaterThan(0)
  expect(Math.max(...ticks)).toBeLessThanOrEqual(100)
})

it('prints roadmap statuses, priorities and audit events in words, without codes or ids', async () => {
  const page = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')
  await page.setViewportSize({ width: 1280, height: 1000 })
  fs.mkdirSync(OUT, { recursive: true })
  await page.goto(`${e2e.server.url}/p/northwind-contoso/roadmap`)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  await page.screenshot({ path: path.join(OUT, 'roadmap.png'), fullPage: true })
  const roadmap = await page.locator('main').innerText()
  expect(roadmap).not.toMatch(ENUM_CODE)
  await page.goto(`${e2e.server.url}/p/northwind-contoso/audit`)
  await page.getByRole('table').first().waitFor()
  await page.screenshot({ path: path.join(OUT, 'audit.png'), fullPage: true })
  const audit = await page.locator('main').innerText()
  expect(audit).not.toMatch(ENUM_CODE)
  expect(audit).not.toMatch(UUID)
  expect(audit).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\.(create|update|delete)\b/)
})
