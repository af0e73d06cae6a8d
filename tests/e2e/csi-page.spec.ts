import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

// The CSI page once read the KPI metric list from a server-only module: on the server it rendered the list, in the
// browser the module was empty, so hydration failed (React #418) and the page crashed. Both parties open it.
it.each(['alex@northwind.example', 'casey@contoso.example'])('%s opens a CSI entry, and the page hydrates and works without an error', async (email) => {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  const entry = await prisma.csiEntry.create({
    data: { partnershipId: p.id, opportunity: 'Cut P1 resolution time', size: 'MEDIUM', stage: 'PLAN', kpiMetric: 'sla.resolution.P1', kpiBaseline: 70, kpiTarget: 95 },
  })
  const page = await signedInPage(e2e.browser, e2e.server.url, email)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  await page.goto(`${e2e.server.url}/p/northwind-contoso/csi/${entry.id}`)
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true)
  // Hydrated: a client-side interaction works (the KPI select keeps the stored metric and lists every metric).
  const kpi = page.getByLabel('KPI (live metric)')
  expect(await kpi.inputValue()).toBe('sla.resolution.P1')
  expect(await kpi.locator('option').count()).toBeGreaterThan(5)
  await page.getByLabel('Owner').fill('Dana')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByText(/Saved \(version 2\)/).waitFor()
  expect(errors).toEqual([])
  await page.context().close()
})
