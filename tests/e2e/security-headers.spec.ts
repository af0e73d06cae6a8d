// Issue 13 §3 headers, seen from a browser: the CSP lets Remix's own scripts run (they carry the request's
// nonce) and the browser reports no violation; signed-in pages are not stored; no page may be framed.
import { beforeEach, expect, it } from 'vitest'
import { signedInPage } from '../helpers/browser.ts'
import { seedDemo } from '../helpers/factories.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

it('a signed-in page hydrates under the CSP, with no violation, and answers with the security headers', async () => {
  const page = await signedInPage(e2e.browser, e2e.server.url, 'alex@northwind.example')
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text())
  })
  const response = await page.goto(`${e2e.server.url}/p/northwind-contoso/roadmap`)
  const headers = response?.headers() ?? {}
  const csp = headers['content-security-policy'] ?? ''
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/)
  expect(csp).toContain("frame-ancestors 'none'")
  expect(headers['cache-control']).toBe('no-store')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('same-origin')
  // The inline scripts ran (Remix's context is set by one) and React took over the page.
  expect(await page.evaluate(() => typeof (window as { __remixContext?: unknown }).__remixContext)).toBe('object')
  await page.getByRole('link', { name: /SLA/ }).first().click()
  await page.waitForURL(/\/sla/)
  await page.screenshot({ path: 'test-results/security-headers-sla.png' })
  expect(violations).toEqual([])
})
