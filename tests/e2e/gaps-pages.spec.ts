// The pages of this round, in Chromium: the partnership settings (saving a fiscal year), fiscal labels on the QBR
// list, QBR page, roadmap and portfolio, the QBR page's PSA ticket line with its close offer, and "Send again" on a
// failed webhook delivery. Screenshots in tests/artifacts/gaps-*.png.
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { newWebhookSecret } from '../../server/webhooks/webhook-secret.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const slug = 'northwind-contoso'
const shot = (name: string) => ({ path: path.join(ARTIFACTS, `gaps-${name}.png`), fullPage: true })

it('settings, fiscal labels, the PSA ticket of an action item and re-sending a failed delivery', { timeout: 180_000 }, async () => {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  const qbr = await prisma.qbr.create({ data: { partnershipId: p.id, quarter: '2031-Q4', title: 'Late-2031 QBR', icsUid: `gaps-${p.id}@test` } })
  const item = await prisma.qbrActionItem.create({ data: { partnershipId: p.id, qbrId: qbr.id, title: 'Patch the firewalls', owner: 'Sam Okafor', party: 'MSP' } })
  await prisma.psaTicketLink.create({
    data: { partnershipId: p.id, itemKind: 'ACTION_ITEM', itemId: item.id, kind: 'connectwise', idempotencyKey: `gaps-${item.id}`, state: 'SENT', boardOrQueue: '1:Service Desk', ticketNumber: '900123', psaStatus: 'Closed', psaClosed: true, sentBy: 'test' },
  })
  const northwind = await prisma.organization.findUniqueOrThrow({ where: { slug: 'northwind' } })
  const endpointId = randomUUID()
  const { sealed, hint } = newWebhookSecret(endpointId)
  await prisma.webhookEndpoint.create({ data: { id: endpointId, organizationId: northwind.id, url: 'https://hooks.example.test/accord', events: ['pack.frozen'], secretSealed: sealed, secretHint: hint } })
  await prisma.webhookDelivery.create({ data: { endpointId, organizationId: northwind.id, eventId: randomUUID(), event: 'pack.frozen', payload: {}, status: 'FAILED', attempts: 8, responseStatus: 500, error: 'HTTP 500', nextAttemptAt: null } })

  const ava = await signedInPage(e2e.browser, e2e.server.url, 'ava@northwind.example')
  await ava.goto(`${e2e.server.url}/p/${slug}/settings`)
  await ava.getByLabel('Months between QBRs').fill('4')
  await ava.getByLabel('Fiscal year starts in').selectOption('7')
  await ava.getByLabel('Account manager').selectOption({ label: 'Alex Rivera (Account manager)' })
  await ava.getByRole('button', { name: 'Save settings' }).click()
  await expect.poll(() => ava.getByRole('status').textContent()).toContain('Saved (version 2)')
  await ava.screenshot(shot('settings'))
  await ava.getByLabel('Months between QBRs').fill('0')
  await ava.getByRole('button', { name: 'Save settings' }).click()
  await expect.poll(() => ava.locator('#qbrCadenceMonths-error').textContent()).toBe('Between 1 and 12 months')
  await ava.screenshot(shot('settings-error'))

  await ava.goto(`${e2e.server.url}/p/${slug}/qbrs`)
  expect(await ava.content()).toMatch(/FY2032 Q2 \((1 Oct – 31 Dec 2031|Oct 1 – Dec 31, 2031)\)/)
  await ava.screenshot(shot('qbrs'))
  await ava.goto(`${e2e.server.url}/p/${slug}/qbrs/2031-Q4`)
  await expect.poll(() => ava.getByTestId('action-psa-ticket').textContent()).toContain('PSA ticket #900123 · Closed')
  await ava.screenshot(shot('qbr-page'))
  await ava.getByRole('button', { name: 'Close this action item too' }).click()
  await expect.poll(async () => (await prisma.qbrActionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('DONE')
  await ava.screenshot(shot('qbr-page-closed'))
  await ava.goto(`${e2e.server.url}/p/${slug}/roadmap`)
  await ava.screenshot(shot('roadmap'))
  await ava.goto(`${e2e.server.url}/portfolio`)
  await ava.screenshot(shot('portfolio'))

  await ava.goto(`${e2e.server.url}/org/northwind/webhooks`)
  await ava.getByRole('button', { name: /Send the pack.frozen event to .* again/ }).click()
  await expect.poll(() => ava.getByRole('status').first().textContent()).toContain('queued again')
  await ava.screenshot(shot('webhooks'))
  expect(await prisma.webhookDelivery.count({ where: { endpointId } })).toBe(2)
})
