// An organization admin sets up a webhook on the page, copies the secret shown once, sends a test event, and reads
// the delivery in the log; the receiver (msw at the network edge) checks the signature with that secret.
import path from 'node:path'
import axe from 'axe-core'
import type { Page } from 'playwright-core'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { deliverDueWebhooks } from '../../server/webhooks/deliver-webhooks.server.ts'
import { SIGNATURE_HEADER, verifySignature } from '../../server/webhooks/signature.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const HOOK = 'https://hooks.example.test/accord'
const received: Array<{ body: string; signature: string | null }> = []
const edge = setupServer(
  http.post(HOOK, async ({ request }) => {
    received.push({ body: await request.text(), signature: request.headers.get(SIGNATURE_HEADER) })
    return new HttpResponse(null, { status: 204 })
  }),
)
// Only the hook is answered here; the browser's own requests to the test server pass through.
beforeAll(() => edge.listen({ onUnhandledRequest: 'bypass' }))
afterAll(() => edge.close())

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

/** axe's violations on the page as loaded, as tests/e2e/every-route.spec.ts reads them. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  await page.evaluate(axe.source)
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
  })
}

it('an MSP admin adds an endpoint, sends a test event, and sees it delivered and signed', async () => {
  const page = await signedInPage(e2e.browser, e2e.server.url, 'ava@northwind.example')
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text())
  })
  await page.goto(`${e2e.server.url}/org/northwind/members`)
  await page.getByRole('link', { name: 'Webhooks →' }).click()
  await page.getByRole('heading', { name: /webhooks/ }).first().waitFor()
  await page.getByLabel('URL').fill(HOOK)
  await page.getByLabel('Description (optional)').fill('Our PSA automation')
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  const secret = (await page.getByTestId('webhook-secret').textContent())!.trim()
  expect(secret).toMatch(/^whsec_/)
  await page.getByRole('button', { name: 'Send test event' }).click()
  await page.getByText('Test event queued').waitFor()
  // What the job runner does when woken (the test server starts no runner).
  expect(await deliverDueWebhooks()).toEqual({ attempted: 1, succeeded: 1 })
  await page.reload()
  await page.getByRole('cell', { name: 'Delivered' }).waitFor()
  expect(await page.getByRole('cell', { name: 'HTTP 204' }).count()).toBe(1)
  expect(await page.getByText(secret).count(), 'the secret is shown once').toBe(0)
  expect(received).toHaveLength(1)
  expect(verifySignature(secret, received[0].signature, received[0].body)).toBe(true)
  await page.screenshot({ path: path.join(ARTIFACTS, 'webhooks-page.png'), fullPage: true })
  expect(await axeViolations(page)).toEqual([])
  await page.goto(`${e2e.server.url}/api/docs`)
  // axe on this page is in tests/e2e/every-route.spec.ts (it is a long page: one run is enough).
  await page.getByRole('heading', { name: 'API reference' }).waitFor()
  await page.screenshot({ path: path.join(ARTIFACTS, 'api-docs.png') })
  await page.locator('#op-webhook-create').screenshot({ path: path.join(ARTIFACTS, 'api-docs-operation.png') })
  expect(errors).toEqual([])
  await page.context().close()
})
