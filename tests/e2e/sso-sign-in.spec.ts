// Single sign-on in Chromium: an organization's admin connects the identity provider and proves a domain on the
// settings page, then a member signs in through the provider's own login form (oidc-provider, in this process).
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { setTxtLookupForTests } from '../../server/auth/sso/dns-txt.server.ts'
import { seedDemo } from '../../server/demo/seed.server.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { signedInPage } from '../helpers/browser.ts'
import { type TestIdp, startTestIdp } from '../helpers/oidc-provider.ts'
import { fakeDns } from '../helpers/sso.ts'

const e2e = useServerAndBrowser()
let idp: TestIdp
const dns = new Map<string, string[]>()

beforeAll(async () => {
  idp = await startTestIdp([`${e2e.server.url}/auth/sso/callback`])
  fakeDns(dns)
})
afterAll(async () => {
  setTxtLookupForTests(undefined)
  await idp?.close()
})

const shot = (name: string) => path.join(ARTIFACTS, `sso-${name}.png`)

it('an admin connects the provider and proves a domain; a member then signs in through the provider’s login form', async () => {
  await seedDemo({ activity: false })
  const admin = await signedInPage(e2e.browser, e2e.server.url, 'casey@contoso.example')
  await admin.goto(`${e2e.server.url}/org/contoso/sso`)
  await expect.poll(() => admin.evaluate(() => document.documentElement.dataset.hydrated)).toBe('true')
  expect(await admin.getByTestId('sso-redirect-uri').innerText()).toBe(`${e2e.server.url}/auth/sso/callback`)

  await admin.getByLabel('Issuer URL').fill(idp.issuer)
  await admin.getByLabel('Client ID').fill(idp.clientId)
  await admin.getByLabel('Client secret').fill(idp.clientSecret)
  await admin.getByLabel(/Let them in as members/).check()
  await admin.getByLabel('Role of people let in').selectOption('CLIENT_IT')
  await admin.getByRole('button', { name: 'Save' }).click()
  await admin.getByText('Single sign-on settings saved.').waitFor()
  await admin.getByRole('button', { name: 'Check the issuer' }).click()
  await admin.getByText(/answered: sign-in at 127\.0\.0\.1/).waitFor()

  await admin.getByLabel('Domain', { exact: true }).fill('contoso.example')
  await admin.getByRole('button', { name: 'Add domain' }).click()
  const recordValue = admin.locator('.sso-records code').nth(1)
  await recordValue.waitFor()
  await admin.screenshot({ path: shot('settings-pending'), fullPage: true })
  dns.set(await admin.locator('.sso-records code').first().innerText(), [await recordValue.innerText()])
  await admin.getByRole('button', { name: 'Verify contoso.example' }).click()
  await admin.getByText('contoso.example is verified.').waitFor()
  await admin.screenshot({ path: shot('settings-verified'), fullPage: true })
  await admin.context().close()

  // A person Contoso has not invited: the provision policy lets them in with the chosen role.
  idp.accounts.set('dana@contoso.example', { name: 'Dana Diaz' })
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${e2e.server.url}/login?redirectTo=%2Forg%2Fcontoso%2Fmembers`)
  await page.getByRole('link', { name: 'Sign in with SSO' }).click()
  await page.waitForURL((u) => u.pathname === '/auth/sso')
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.hydrated)).toBe('true')
  await page.getByLabel('Work email').fill('dana@contoso.example')
  await page.screenshot({ path: shot('start') })
  await page.getByRole('button', { name: 'Continue' }).click()

  await page.waitForURL((u) => u.origin === idp.issuer)
  await page.locator('input[name="login"]').fill('dana@contoso.example')
  await page.locator('input[name="password"]').fill('anything')
  await page.screenshot({ path: shot('provider-login') })
  await page.getByRole('button', { name: 'Sign-in' }).click()

  await page.waitForURL((u) => u.origin === e2e.server.url && u.pathname === '/org/contoso/members')
  await page.getByRole('heading', { name: 'Contoso Manufacturing: members' }).waitFor()
  await expect.poll(() => page.getByRole('row', { name: /Dana Diaz/ }).count()).toBe(1)
  await page.screenshot({ path: shot('signed-in'), fullPage: true })
  await context.close()
})
