import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { drainJobs } from '../../server/jobs/jobs.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { seedDemo } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(async () => {
  await seedDemo()
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  await seedPackData(p.id, { quarter: '2026-Q3', perDay: 1 })
})

const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email)

it('the account manager prepares the QBR and generates its pack in the background; the client executive downloads it, then adds a minute and an action item', async () => {
  const alex = await signedIn('alex@northwind.example')
  await alex.goto(`${e2e.server.url}/p/northwind-contoso`)
  const sections = alex.getByRole('navigation', { name: 'Partnership sections' })
  await sections.getByRole('link', { name: 'QBRs' }).click()
  await alex.getByLabel('Quarter').fill('2026-Q3')
  await alex.getByRole('button', { name: 'Create QBR' }).click()
  await alex.waitForURL((u) => u.pathname === '/p/northwind-contoso/qbrs/2026-Q3')
  await alex.getByRole('heading', { name: 'QBR 2026-Q3' }).waitFor()

  // The agenda: an item of his own, and "Budget" moved up one.
  await alex.getByLabel('New agenda item').fill('Łódź site security review')
  await alex.getByLabel('Minutes allotted').fill('20')
  await alex.getByRole('button', { name: 'Add to agenda' }).click()
  await alex.getByText('Agenda item added.').waitFor()
  await alex.getByRole('button', { name: 'Move “Budget” up' }).click()
  await alex.getByText('Agenda reordered.').waitFor()

  // The pack: queued from the packs page, which follows the job until the version is listed.
  await sections.getByRole('link', { name: 'QBR packs' }).click()
  await alex.getByRole('heading', { name: 'QBR packs' }).waitFor()
  await alex.getByLabel('Quarter').fill('2026-Q3')
  // As of now: the QBR and its agenda were planned just now, and a pack shows what stood at its as-of.
  await alex.getByRole('button', { name: 'Generate pack' }).click()
  await alex.waitForURL((u) => u.pathname === '/p/northwind-contoso/packs' && u.searchParams.has('job'))
  const progress = alex.getByRole('progressbar', { name: 'Pack generation progress' })
  await progress.waitFor()
  expect(await alex.getByRole('status').filter({ has: progress }).textContent()).toContain('Queued')
  expect(await alex.getByRole('button', { name: 'Generate pack' }).isDisabled()).toBe(true)
  await alex.screenshot({ path: path.join(ARTIFACTS, 'pack-queued.png'), fullPage: true })

  // The test server starts no runner of its own: the queued job runs now, as the server's runner would run it.
  expect(await drainJobs({ log: { warn: () => {} } })).toBe(1)
  await alex.getByText(/Version 1 of 2026-Q3 is ready/).waitFor()
  await progress.waitFor({ state: 'detached' })
  const row = alex.getByRole('row').filter({ hasText: 'v1' })
  expect(await row.textContent()).toContain('Alex Rivera <alex@northwind.example>')
  expect(await alex.getByRole('button', { name: 'Generate pack' }).isDisabled()).toBe(false)
  await alex.screenshot({ path: path.join(ARTIFACTS, 'pack-ready.png'), fullPage: true })
  const readyMail = await (await db()).outboxMessage.findFirst({ where: { kind: 'PACK_READY', to: 'casey@contoso.example' } })
  expect(readyMail?.subject).toContain('v1')

  // The client executive opens the pack from the list: the PDF the link serves names her company and the agenda.
  const casey = await signedIn('casey@contoso.example')
  await casey.goto(`${e2e.server.url}/p/northwind-contoso/packs`)
  const link = casey.getByRole('row').filter({ hasText: 'v1' }).getByRole('link', { name: 'PDF' })
  const response = await casey.request.get(new URL((await link.getAttribute('href'))!, e2e.server.url).href)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toBe('application/pdf')
  const pdf = await response.body()
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = (await pdfPages(pdf)).join('\n')
  expect(text).toContain('Contoso Manufacturing')
  expect(text).toContain('Łódź site security review')

  // Then, at the meeting, she writes the minutes of the budget item and raises an action item.
  await casey.goto(`${e2e.server.url}/p/northwind-contoso/qbrs/2026-Q3`)
  const budget = casey.getByRole('form', { name: 'Edit “Budget”' })
  await budget.getByLabel('Minutes', { exact: true }).fill('The pack’s budget roll-up agreed; the Wi-Fi refresh moves to next year.')
  await budget.getByRole('button', { name: 'Save' }).click()
  await casey.getByText(/Saved \(version 2\)/).waitFor()
  await casey.getByLabel('New action item').fill('Quote the Łódź Wi-Fi refresh for next year')
  await casey.getByLabel('Owner', { exact: true }).fill('Alex Rivera')
  await casey.getByLabel('Owner’s party').selectOption('MSP')
  await casey.getByLabel('Due date').fill('2027-01-31')
  await casey.getByRole('button', { name: 'Add action item' }).click()
  await casey.getByText('Action item added.').waitFor()
  await casey.getByRole('listitem', { name: 'Action item: Quote the Łódź Wi-Fi refresh for next year' }).waitFor()

  const prisma = await db()
  const qbr = await prisma.qbr.findFirstOrThrow({ where: { quarter: '2026-Q3', partnership: { slug: 'northwind-contoso' } } })
  const item = await prisma.qbrAgendaItem.findFirstOrThrow({ where: { qbrId: qbr.id, title: 'Budget' } })
  expect(item.minutes).toContain('budget roll-up agreed')
  expect(await prisma.qbrActionItem.findFirstOrThrow({ where: { qbrId: qbr.id } })).toMatchObject({ title: 'Quote the Łódź Wi-Fi refresh for next year', party: 'MSP', status: 'OPEN' })
})
