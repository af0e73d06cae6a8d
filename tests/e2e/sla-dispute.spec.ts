import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { signedInPage } from '../helpers/browser.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const e2e = useServerAndBrowser()
const slug = 'northwind-contoso'

// Two P2 tickets of November 2026 (business clock, response target 60 minutes, America/New_York): A answered in
// 20 minutes (met), B in 90 (breached). Response attainment computed: 50%.
beforeEach(async () => {
  await seedDemo()
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  const ticket = (externalId: string, title: string, created: string, response: string) => ({
    partnershipId: p.id,
    source: 'api',
    externalId,
    title,
    priority: 'P2' as const,
    status: 'Closed',
    createdAt: new Date(created),
    firstResponseAt: new Date(response),
    resolvedAt: new Date('2026-11-10T17:00:00-05:00'),
    pauses: [],
    contentHash: externalId,
  })
  await prisma.ticket.createMany({
    data: [ticket('A-100', 'Printer offline', '2026-11-10T09:00:00-05:00', '2026-11-10T09:20:00-05:00'), ticket('B-200', 'VPN down for the plant', '2026-11-10T14:00:00-05:00', '2026-11-10T15:30:00-05:00')],
  })
})

it('the client disputes a breached response on the ticket page, the account manager accepts, and the SLA page shows computed beside agreed', async () => {
  const ticketUrl = `${e2e.server.url}/p/${slug}/sla/tickets/B-200`

  const casey = await signedInPage(e2e.browser, e2e.server.url, 'casey@contoso.example')
  await casey.goto(ticketUrl)
  await casey.getByRole('heading', { name: 'Dispute a verdict' }).waitFor()
  await casey.getByLabel('Verdict', { exact: true }).selectOption('response')
  await casey.getByLabel('Why is it wrong?').fill('The engineer phoned our plant manager at 14:20; the PSA logged the response late.')
  await casey.getByRole('button', { name: 'Send dispute to the MSP' }).click()
  await casey.getByText('Dispute of the response verdict sent to the MSP.').waitFor()
  await casey.getByText('The engineer phoned our plant manager at 14:20').waitFor()
  // The client cannot answer its own dispute, and the response verdict cannot be disputed twice.
  expect(await casey.getByRole('button', { name: 'Accept' }).count()).toBe(0)
  expect(await casey.getByLabel('Verdict', { exact: true }).locator('option').allTextContents()).toEqual(['Resolution'])
  await casey.screenshot({ path: 'tests/artifacts/sla-dispute-raised.png', fullPage: true })

  const alex = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')
  await alex.goto(ticketUrl)
  const thread = alex.getByRole('article', { name: 'Response dispute' })
  await thread.getByText('Casey Morgan').waitFor()
  // The MSP cannot raise disputes.
  expect(await alex.getByRole('heading', { name: 'Dispute a verdict' }).count()).toBe(0)
  expect(await thread.getByLabel('Agreed verdict').inputValue()).toBe('met')
  await thread.getByLabel('Reason for accepting').fill('Our call log confirms the call at 14:20.')
  await thread.getByRole('button', { name: 'Accept' }).click()
  await alex.getByText('Accepted: the agreed figures count it as met.').waitFor()
  await alex.getByText('accepted: agreed met').waitFor()
  expect(await alex.getByRole('button', { name: 'Reject' }).count()).toBe(0)
  await alex.screenshot({ path: 'tests/artifacts/sla-dispute-accepted.png', fullPage: true })

  await casey.goto(`${e2e.server.url}/p/${slug}/sla?quarter=2026-Q4`)
  const figures = casey.getByRole('region', { name: 'Attainment, computed and agreed' })
  const response = figures.locator('tr[data-metric="response"]')
  expect(await response.locator('[data-figure="computed"]').textContent()).toMatch(/^50\.0%/)
  expect(await response.locator('[data-figure="agreed"]').textContent()).toMatch(/^100\.0%/)
  const list = casey.getByRole('region', { name: 'Disputed verdicts' })
  await list.getByText('No open disputes this quarter.').waitFor()
  const settled = list.getByRole('row', { name: /B-200/ })
  expect(await settled.textContent()).toContain('accepted')
  expect(await settled.textContent()).toContain('Our call log confirms the call at 14:20.')
  await casey.screenshot({ path: 'tests/artifacts/sla-dispute-sla-page.png', fullPage: true })

  const row = await (await db()).slaDispute.findFirstOrThrow()
  expect(row).toMatchObject({ status: 'ACCEPTED', computedVerdict: 'breached', agreedVerdict: 'met', version: 2 })
})
