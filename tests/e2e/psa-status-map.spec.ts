// The connector page edits the status map, and the ticket page names what paused the clock (issue 11 §1).
import { beforeEach, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { saveConnection } from '../../server/connectors/save-connection.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'
import { CW_CREDENTIALS, CW_SITE } from '../mocks/index.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

it('an MSP admin maps waiting and closed statuses on the connector page; the ticket page shows each pause’s reason', async () => {
  const scope = await unsafeOperatorScope('northwind-contoso')
  await saveConnection(scope, { userId: null, label: 'test' }, { slug: scope.slug, kind: 'connectwise', baseUrl: CW_SITE, credentials: CW_CREDENTIALS, companies: ['250'] })
  const page = await signedInPage(e2e.browser, e2e.server.url, 'ava@northwind.example')
  await page.goto(`${e2e.server.url}/p/northwind-contoso/connector`)
  await page.getByLabel(/^Waiting \(the resolution clock stops\)/).fill('Waiting Customer, Waiting Vendor')
  await page.getByLabel(/^Closed/).fill('>Closed, Closed (resolved)')
  await page.getByRole('button', { name: 'Save connection' }).click()
  await page.getByText('Connection saved.').waitFor()
  await page.screenshot({ path: 'tests/artifacts/connector-status-map.png', fullPage: true })
  const connection = await (await db()).psaConnection.findUniqueOrThrow({ where: { partnershipId: scope.id } })
  expect(connection.statusMap).toEqual({ waiting: ['Waiting Customer', 'Waiting Vendor'], closed: ['>Closed', 'Closed (resolved)'] })
  // The saved map comes back into the form.
  expect(await page.getByLabel(/^Waiting \(the resolution clock stops\)/).inputValue()).toBe('Waiting Customer, Waiting Vendor')
  expect(await page.getByLabel(/^Resolved/).inputValue()).toBe('')

  // pauseStatuses: ["Waiting on customer"]
  if (!(await (await db()).slaPolicy.findFirst({ where: { partnershipId: scope.id } }))) {
    await (await db()).slaPolicy.create({ data: { partnershipId: scope.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  }
  await pushTickets(scope, {
    slug: scope.slug,
    source: 'api',
    tickets: [{ externalId: 'PAUSE-1', title: 'Printer offline', priority: 'P3', status: 'Waiting on customer', createdAt: '2026-07-06T13:00:00Z', firstResponseAt: '2026-07-06T13:20:00Z', statusHistory: [{ at: '2026-07-06T14:00:00Z', status: 'Waiting on customer' }] }],
  })
  await page.goto(`${e2e.server.url}/p/northwind-contoso/sla/tickets/PAUSE-1`)
  await page.screenshot({ path: 'tests/artifacts/ticket-pause-reason.png', fullPage: true })
  const pauses = page.locator('section', { has: page.getByRole('heading', { name: 'Pauses subtracted' }) })
  expect(await pauses.textContent()).toContain('Waiting on customer:')
  expect(await pauses.textContent()).toContain('still paused')
  expect(await page.locator('p.muted').first().textContent()).toContain('Waiting on customer (waiting)')
})
