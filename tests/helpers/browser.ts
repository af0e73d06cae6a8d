import fs from 'node:fs'
import { type Browser, type Page, chromium } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'

// Debian's Chromium, never a downloaded browser. The background-networking flags keep it off the closed network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`)
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  })
}

/**
 * A person of a journey in a browser context of their own (own cookies, so two people can work side by side),
 * signed in with the demo password through the sign-in form.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  email: string,
  /** `locale`: the browser's language, sent as Accept-Language (Chromium's own default otherwise). */
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 1000 }, ...(options.locale ? { locale: options.locale } : {}) })
  const page = await context.newPage()
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  return page
}
