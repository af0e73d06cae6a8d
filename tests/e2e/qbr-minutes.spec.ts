import type { Page } from 'playwright-core'
import { beforeEach, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { reorderAgenda } from '../../server/qbr/reorder-agenda.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { seedDemo } from '../helpers/factories.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email)

it('the account manager creates the QBR and edits the agenda; the client executive adds a minute and an action item; a stale edit of the same minutes merges field by field', async () => {
  const alex = await signedIn('alex@northwind.example')
  await alex.goto(`${e2e.server.url}/p/northwind-contoso`)
  await alex.getByRole('navigation', { name: 'Partnership sections' }).getByRole('link', { name: 'QBRs' }).click()
  await alex.getByLabel('Quarter').fill('2026-Q4')
  await alex.getByRole('button', { name: 'Create QBR' }).click()
  await alex.waitForURL((u) => u.pathname === '/p/northwind-contoso/qbrs/2026-Q4')
  await alex.getByRole('heading', { name: 'QBR 2026-Q4' }).waitFor()

  // Schedule it: the details form, then the status.
  const details = alex.getByRole('form', { name: 'QBR details' })
  await details.getByLabel('Starts (local time)').fill('2026-12-08T10:00')
  await details.getByLabel('Ends (local time)').fill('2026-12-08T12:00')
  await details.getByLabel('Time zone').fill('Europe/Berlin')
  await details.getByRole('button', { name: 'Save' }).click()
  await alex.getByText(/Saved \(version 2\)/).waitFor()
  await alex.getByRole('button', { name: 'Schedule' }).click()
  await alex.getByText('The QBR is scheduled now.').waitFor()

  // Edit the agenda: a new item, a longer time box for the first, and "Budget" moved up one.
  await alex.getByLabel('New agenda item').fill('Security review')
  await alex.getByLabel('Minutes allotted').fill('15')
  await alex.getByRole('button', { name: 'Add to agenda' }).click()
  await alex.getByText('Agenda item added.').waitFor()
  const first = alex.getByRole('form', { name: 'Edit “Service performance and SLAs”' })
  await first.getByLabel('Time box (minutes)').fill('30')
  await first.getByRole('button', { name: 'Save' }).click()
  await alex.getByText(/Saved \(version 2\)/).waitFor()
  await alex.getByRole('button', { name: 'Move “Budget” up' }).click()
  await alex.getByText('Agenda reordered.').waitFor()

  const headings = async (page: Page) => (await page.getByRole('region', { name: 'Agenda and minutes' }).getByRole('heading', { level: 4 }).allTextContents()).map((t) => t.replace(/ ·.*$/, ''))
  const expected = [
    '1. Service performance and SLAs',
    '2. Incidents and escalations',
    '3. Responsibility changes',
    '4. Roadmap and joint innovation',
    '5. Budget',
    '6. CSI progress',
    '7. Action items review',
    '8. Next steps',
    '9. Security review',
  ]
  // The notice can show before the page's data is revalidated: wait for the list itself.
  await expect.poll(() => headings(alex), { timeout: 10_000 }).toEqual(expected)

  // The client executive opens it, writes the minutes of the budget item and raises an action item.
  const casey = await signedIn('casey@contoso.example')
  await casey.goto(`${e2e.server.url}/p/northwind-contoso/qbrs/2026-Q4`)
  expect(await headings(casey)).toEqual(expected)
  expect(await casey.getByTestId('qbr-status').textContent()).toBe('Scheduled')
  const budget = casey.getByRole('form', { name: 'Edit “Budget”' })
  await budget.getByLabel('Minutes', { exact: true }).fill('Budget for the SD-WAN pilot approved in principle; numbers by the end of January.')
  await budget.getByRole('button', { name: 'Save' }).click()
  await casey.getByText(/Saved \(version 2\)/).waitFor()

  await casey.getByLabel('New action item').fill('Send the SD-WAN pilot budget')
  await casey.getByLabel('Owner', { exact: true }).fill('Alex Rivera')
  await casey.getByLabel('Owner’s party').selectOption('MSP')
  await casey.getByLabel('Due date').fill('2027-01-31')
  await casey.getByRole('button', { name: 'Add action item' }).click()
  await casey.getByText('Action item added.').waitFor()
  await casey.getByRole('listitem', { name: 'Action item: Send the SD-WAN pilot budget' }).waitFor()
  await casey.screenshot({ path: 'tests/artifacts/qbr-minutes.png', fullPage: true })

  // The account manager, still on the page he opened before, writes the same minutes: the field now shows hers, and he
  // picks his own.
  const stale = alex.getByRole('form', { name: 'Edit “Budget”' })
  await stale.getByLabel('Minutes', { exact: true }).fill('Pilot budget agreed; Alex sends numbers by 31 January.')
  await stale.getByRole('button', { name: 'Save' }).click()
  await alex.getByText('Someone else saved this while you were editing.').waitFor()
  const note = alex.getByTestId('conflict-minutes')
  expect(await note.textContent()).toContain('Casey Morgan')
  expect(await note.textContent()).toContain('approved in principle')
  await note.getByRole('button', { name: 'use mine' }).click()
  await alex.getByRole('button', { name: 'Save merged version' }).click()
  await alex.getByText(/Saved \(version 3\)/).waitFor()

  // On reload he sees the minutes and her action item.
  await alex.reload()
  expect(await alex.getByRole('form', { name: 'Edit “Budget”' }).getByLabel('Minutes', { exact: true }).inputValue()).toContain('Alex sends numbers by 31 January')
  await alex.getByRole('listitem', { name: 'Action item: Send the SD-WAN pilot budget' }).waitFor()

  const prisma = await db()
  const qbr = await prisma.qbr.findFirstOrThrow({ where: { quarter: '2026-Q4', partnership: { slug: 'northwind-contoso' } } })
  expect(qbr).toMatchObject({ status: 'SCHEDULED', icsSequence: 0, startsAt: new Date('2026-12-08T09:00:00Z') })
  const action = await prisma.qbrActionItem.findFirstOrThrow({ where: { qbrId: qbr.id } })
  expect(action).toMatchObject({ title: 'Send the SD-WAN pilot budget', owner: 'Alex Rivera', party: 'MSP', status: 'OPEN', dueDate: new Date('2027-01-31T00:00:00Z') })
})

it('a move clicked while the page reloads after adding an item waits for it; a move on an agenda someone else reordered says so and shows the current order', async () => {
  const alex = await signedIn('alex@northwind.example')
  await alex.goto(`${e2e.server.url}/p/northwind-contoso/qbrs`)
  await alex.getByLabel('Quarter').fill('2026-Q4')
  await alex.getByRole('button', { name: 'Create QBR' }).click()
  await alex.waitForURL((u) => u.pathname === '/p/northwind-contoso/qbrs/2026-Q4')
  const titles = async () => (await alex.getByRole('listitem', { name: /^Agenda item \d+:/ }).evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')!.replace(/^Agenda item \d+: /, ''))))

  // The page's data comes back slowly after the add, as from a busy server. The notice shows at once, but the
  // buttons still carry the agenda read before the add: they wait for the reload (before, the move was refused as
  // a conflict with his own add, and the page said nothing).
  let slow = true
  await alex.route(/_data=routes%2Fp\.%24slug\.qbrs\.%24quarter$/, async (route) => {
    if (slow && route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 1500))
    await route.continue()
  })
  await alex.getByRole('heading', { name: 'QBR 2026-Q4' }).waitFor()
  await alex.getByRole('button', { name: 'Move “Budget” up' }).waitFor()
  const before = [...(await titles()), 'Security review']
  expect(before.length).toBeGreaterThan(3)
  await alex.getByLabel('New agenda item').fill('Security review')
  await alex.getByRole('button', { name: 'Add to agenda' }).click()
  await alex.getByText('Agenda item added.').waitFor()
  await alex.getByRole('button', { name: 'Move “Budget” up' }).click()
  await alex.getByText('Agenda reordered.').waitFor()
  slow = false
  const at = before.indexOf('Budget')
  const moved = [...before]
  ;[moved[at - 1], moved[at]] = [moved[at], moved[at - 1]]
  await alex.getByRole('listitem', { name: `Agenda item ${at}: Budget` }).waitFor()
  expect(await titles()).toEqual(moved)

  // Meanwhile the MSP's admin puts the new item first; his page still shows the old order.
  const prisma = await db()
  const qbr = await prisma.qbr.findFirstOrThrow({ where: { quarter: '2026-Q4', partnership: { slug: 'northwind-contoso' } } })
  const ava = await prisma.user.findUniqueOrThrow({ where: { email: 'ava@northwind.example' } })
  const last = qbr.agendaOrder[qbr.agendaOrder.length - 1]
  await reorderAgenda(await unsafeOperatorScope('northwind-contoso'), { userId: ava.id, label: 'Ava Northcott' }, { slug: 'northwind-contoso', id: qbr.id, baseVersion: qbr.version, order: [last, ...qbr.agendaOrder.slice(0, -1)] })
  await alex.getByRole('button', { name: `Move “${moved[0]}” down` }).click()
  await alex.getByRole('alert').filter({ hasText: 'since you opened it' }).waitFor()
  await alex.getByRole('listitem', { name: 'Agenda item 1: Security review' }).waitFor()
})
