import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { seedDemo } from '../helpers/factories.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

it('casey signs in and switches between her two MSPs, seeing each one’s people', async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${e2e.server.url}/login`)
  await page.getByLabel('Email').fill('casey@contoso.example')
  await page.getByLabel('Password').fill('accord-demo-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${e2e.server.url}/`)

  await expect.poll(() => page.getByRole('heading', { name: 'Your partnerships' }).isVisible()).toBe(true)
  const switcher = page.getByLabel('Partnership', { exact: true })
  await switcher.selectOption('northwind-contoso')
  await page.waitForURL(`${e2e.server.url}/p/northwind-contoso`)
  const main = page.locator('main')
  // The home page lists Northwind too: wait for what only the partnership page shows.
  await expect.poll(() => main.textContent()).toContain('Ava Northcott')
  expect(await main.textContent()).toContain('Northwind Managed Services')
  expect(await main.textContent()).not.toContain('Tailspin')
  await page.screenshot({ path: path.join(ARTIFACTS, 'casey-northwind.png'), fullPage: true })

  await switcher.selectOption('tailspin-contoso')
  await page.waitForURL(`${e2e.server.url}/p/tailspin-contoso`)
  await expect.poll(() => main.textContent()).toContain('Tailspin Security')
  expect(await main.textContent()).toContain('Tara Lindqvist')
  expect(await main.textContent()).not.toContain('Northwind')
  await page.screenshot({ path: path.join(ARTIFACTS, 'casey-tailspin.png'), fullPage: true })

  // The switcher keeps the section: from tailspin's members page to northwind's.
  await page.goto(`${e2e.server.url}/p/tailspin-contoso/members`)
  await page.getByLabel('Partnership', { exact: true }).selectOption('northwind-contoso')
  await page.waitForURL(`${e2e.server.url}/p/northwind-contoso/members`)
  await context.close()
})

it('tara of Tailspin cannot open Northwind’s partnership with Contoso', async () => {
  const context = await e2e.browser.newContext()
  const page = await context.newPage()
  await page.goto(`${e2e.server.url}/login`)
  await page.getByLabel('Email').fill('tara@tailspin.example')
  await page.getByLabel('Password').fill('accord-demo-2026')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/p\/tailspin-contoso$/)
  const response = await page.goto(`${e2e.server.url}/p/northwind-contoso`)
  expect(response?.status()).toBe(404)
  expect(await page.locator('main').textContent()).not.toContain('Ava Northcott')
  const options = await page.getByLabel('Partnership', { exact: true }).locator('option').allTextContents()
  expect(options.join(' ')).not.toContain('Northwind')
  await context.close()
})
