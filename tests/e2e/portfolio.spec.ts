import fs from 'node:fs'
import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

// The portfolio (issue 15 §2) as an MSP admin: sort by a column, filter by account manager and by a figure, export
// the CSV; and the client's overview (§3) as Contoso's executive, with both of its MSPs on one page.
const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const clients = (page: import('playwright-core').Page) => page.locator('.portfolio-table tbody th').allTextContents()

it('an MSP admin sorts, filters and exports the portfolio', async () => {
  const page = await signedInPage(e2e.browser, e2e.server.url, 'ava@northwind.example')
  await page.goto(`${e2e.server.url}/portfolio`)
  await page.getByRole('heading', { name: 'Northwind Managed Services: portfolio' }).waitFor()
  expect(await clients(page)).toEqual(['Contoso Manufacturing', 'Fabrikam Financial'])

  await page.getByRole('link', { name: /^Client/ }).click()
  await page.waitForURL(/dir=desc/)
  await page.waitForFunction(() => document.querySelector('.portfolio-table tbody th')?.textContent === 'Fabrikam Financial')
  expect(await clients(page)).toEqual(['Fabrikam Financial', 'Contoso Manufacturing'])

  await page.getByRole('combobox', { name: 'Account manager', exact: true }).selectOption({ label: 'Alex Rivera' })
  await page.getByRole('button', { name: 'Apply' }).click()
  await page.waitForURL(/owner=/)
  await page.waitForFunction(() => document.querySelectorAll('.portfolio-table tbody tr').length === 1)
  expect(await clients(page)).toEqual(['Contoso Manufacturing'])

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Export CSV' }).click()
  const file = await (await download).path()
  const lines = fs.readFileSync(file!, 'utf8').trim().split('\r\n')
  expect(lines[0]).toMatch(/^partnership,client,account_manager,/)
  expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['northwind-contoso,Contoso Manufacturing,Alex Rivera'])

  await page.goto(`${e2e.server.url}/portfolio?fc=client&fo=contains&fv=fab`)
  expect(await clients(page)).toEqual(['Fabrikam Financial'])
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  await page.goto(`${e2e.server.url}/portfolio`)
  await page.screenshot({ path: path.join(ARTIFACTS, 'portfolio.png'), fullPage: true })
  await page.context().close()
})

it('a client executive sees one roadmap, the accountability check and the SLAs of both MSPs', async () => {
  const prisma = await db()
  const nw = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  const ts = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'tailspin-contoso' } })
  await prisma.roadmapItem.create({ data: { partnershipId: nw.id, title: 'Move laptops to Intune', proposedBy: 'MSP', status: 'APPROVED', targetQuarter: '2026-Q4', oneTimeCents: 1_200_000n } })
  await prisma.roadmapItem.create({ data: { partnershipId: ts.id, title: 'SOC onboarding', proposedBy: 'CLIENT', status: 'PROPOSED', targetQuarter: '2027-Q1', oneTimeCents: 800_000n } })
  const fn = { category: 'Security', name: 'Security monitoring', classification: 'TACTICAL' as const }
  await prisma.responsibilityFunction.create({ data: { partnershipId: nw.id, ...fn, mspRaci: 'RA', clientRaci: 'I' } })
  await prisma.responsibilityFunction.create({ data: { partnershipId: ts.id, ...fn, mspRaci: 'RA', clientRaci: 'C' } })

  const page = await signedInPage(e2e.browser, e2e.server.url, 'casey@contoso.example')
  await page.goto(`${e2e.server.url}/org/contoso/overview`)
  await page.getByRole('heading', { name: 'Contoso Manufacturing: the whole picture' }).waitFor()
  const roadmap = page.getByRole('region', { name: 'Roadmap' })
  expect(await roadmap.getByRole('row', { name: /Move laptops to Intune/ }).innerText()).toContain('Northwind Managed Services')
  expect(await roadmap.getByRole('row', { name: /SOC onboarding/ }).innerText()).toContain('Tailspin Security')
  expect(await page.getByRole('status').innerText()).toMatch(/Two or more claim A \(1\):\s*Security monitoring \(Northwind Managed Services, Tailspin Security\)/)
  await page.screenshot({ path: path.join(ARTIFACTS, 'client-overview.png'), fullPage: true })
  await page.context().close()
})
