// Issue 13 §4 in Chromium: enrol two-step sign-in on the account page, sign out, sign in with a code; and reset a
// forgotten password through the link of the mail in the outbox. Screenshots of each new page go to the artifacts.
import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { totpCodeAt } from '../../server/auth/totp.server.ts'
import { db } from '../../server/db/client.server.ts'
import { DEMO_PASSWORD } from '../../server/demo/demo-data.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())
const shot = (name: string) => ({ path: path.join(ARTIFACTS, `auth-${name}.png`), fullPage: true })

it('enrols MFA on the account page, then signs in with the password and a code', { timeout: 120_000 }, async () => {
  const page = await signedInPage(e2e.browser, e2e.server.url, 'ava@northwind.example')
  await page.getByRole('link', { name: 'Security' }).click()
  await page.waitForURL(/\/account\/security$/)
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click()
  const secret = (await page.getByTestId('mfa-secret').innerText()).trim()
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await expect.poll(() => page.getByTestId('mfa-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100)
  await page.screenshot(shot('enrol'))
  const enrolledAt = Date.now()
  const spent = totpCodeAt(secret, new Date(enrolledAt))
  await page.getByLabel('Code from the app').fill(spent)
  await page.getByRole('button', { name: 'Turn on' }).click()
  await page.getByTestId('recovery-codes').waitFor()
  expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10)
  await page.screenshot(shot('recovery-codes'))

  await page.getByRole('button', { name: 'Sign out', exact: true }).click()
  await page.waitForURL(/\/login$/)
  await page.getByLabel('Email').fill('ava@northwind.example')
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/login\/mfa/)
  // The code just used to turn it on is spent (or, on a slow machine, already out of its window): it is refused.
  await page.getByLabel('Code').fill(spent)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.locator('#code-error').waitFor()
  await page.screenshot(shot('challenge-refused'))
  // A code not used yet: the current one, or the next window's while the current one is still the spent one.
  const now = Date.now()
  await page.getByLabel('Code').fill(totpCodeAt(secret, new Date(Math.floor(now / 30_000) === Math.floor(enrolledAt / 30_000) ? now + 30_000 : now)))
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await page.goto(`${e2e.server.url}/account/security`)
  expect(await page.getByRole('heading', { name: 'Turn it off' }).count()).toBe(1)
  await page.screenshot(shot('mfa-on'))
  await page.context().close()
})

it('resets a forgotten password through the mailed link, and signs in with the new one', { timeout: 120_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${e2e.server.url}/login`)
  await page.getByRole('link', { name: 'Forgot your password?' }).click()
  await page.waitForURL(/\/forgot-password$/)
  await page.getByLabel('Email').fill('casey@contoso.example')
  await page.getByRole('button', { name: 'Mail me a link' }).click()
  await page.locator('#reset-request-result').waitFor()
  await page.screenshot(shot('forgot-password'))

  await drainJobs()
  const mail = await (await db()).outboxMessage.findFirstOrThrow({ where: { to: 'casey@contoso.example', kind: 'PASSWORD_RESET' } })
  const link = new URL(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.text)![0])
  await page.goto(`${e2e.server.url}${link.pathname}`)
  const newPassword = 'a fresh password for casey'
  await page.getByLabel('New password', { exact: true }).fill(newPassword)
  await page.getByLabel('Repeat the new password').fill(newPassword)
  await page.screenshot(shot('reset-password'))
  await page.getByRole('button', { name: 'Save the new password' }).click()
  await page.waitForURL(/\/login\?reset=everywhere$/)
  await page.locator('#reset-done').waitFor()
  await page.getByLabel('Email').fill('casey@contoso.example')
  await page.getByLabel('Password').fill(newPassword)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  await context.close()
})
