import type { Locator, Page } from 'playwright-core'
import { beforeEach, expect, it } from 'vitest'
import { signedInPage } from '../helpers/browser.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { trpc } from '../helpers/http.ts'

// Co-editing through the pages, field by field, for every entity both parties edit: the MSP's account manager
// (Alex) and the client's executive (Casey) have the same version open and change the same field. Alex saves
// first; Casey's save must show the conflict on that very field, naming Alex and his value, with Alex's value in the
// input; "Save merged version" then keeps Alex's value. Both pages stay open: after each round both are on the
// current version again, so a field costs three form posts and no page loads.

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const slug = 'northwind-contoso'
type Kind = 'text' | 'number' | 'select' | 'date' | 'datetime'
/** A field: its label on the form, its name in the form (the conflict's test id), how to set it, and both values. */
type Field = [label: string, name: string, kind: Kind, alex: string, casey: string]

async function api(path: string, input: unknown) {
  const r = await trpc(e2e.server.url, { token: await tokenFor('alex@northwind.example') }, 'mutation', path, input)
  if (r.body.error) throw new Error(`${path}: ${r.body.error.message}`)
  return r.body.result?.data as { id: string; qbrId?: string; agenda?: Array<{ id: string }> }
}

async function set(form: Locator, [label, , kind]: Field, value: string) {
  const input = form.getByLabel(label, { exact: true })
  if (kind === 'select') await input.selectOption(value)
  else await input.fill(value)
}

/** Errors the pages raised (a crash, a failed hydration): each test ends by finding none. */
let pageErrors: string[] = []
beforeEach(() => {
  pageErrors = []
})

async function twoParties(url: string): Promise<{ alex: Page; casey: Page }> {
  const [alex, casey] = await Promise.all(['alex@northwind.example', 'casey@contoso.example'].map((email) => signedInPage(e2e.browser, e2e.server.url, email)))
  for (const page of [alex, casey]) {
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('console', (m) => {
      // A refused save answers 409, which the browser logs as a failed resource: that is the point, not an error.
      if (m.type() === 'error' && !m.text().includes('status of 409')) pageErrors.push(m.text())
    })
    await page.goto(url)
  }
  return { alex, casey }
}

/** Saves a form and waits for the version it makes (an earlier "Saved" notice may still be on the page). */
async function save(page: Page, form: Locator) {
  const version = Number(await form.locator('input[name="baseVersion"]').inputValue())
  await form.getByRole('button', { name: 'Save' }).click()
  await page.getByText(`Saved (version ${version + 1})`).waitFor()
}

/**
 * Goes through the fields of one form. `form` finds the form on a page (several forms share a page on the QBR);
 * `open` reveals it where it is folded away.
 */
async function fieldByField(pages: { alex: Page; casey: Page }, fields: Field[], form: (page: Page) => Locator, open?: (page: Page) => Promise<void>) {
  for (const [i, field] of fields.entries()) {
    const [label, name, , first, second] = field
    const [alexForm, caseyForm] = [form(pages.alex), form(pages.casey)]
    if (open) await Promise.all([open(pages.alex), open(pages.casey)])
    await set(alexForm, field, first)
    await save(pages.alex, alexForm)

    await set(caseyForm, field, second)
    await caseyForm.getByRole('button', { name: 'Save' }).click()
    const note = caseyForm.getByTestId(`conflict-${name}`)
    await note.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error(`${label}: the second save showed no conflict on the field`)
    })
    const text = await note.textContent()
    expect(text, label).toContain('Alex Rivera')
    // Both values as the form words them (a select's option, never its code).
    const words = (value: string) => (field[2] === 'select' ? caseyForm.getByLabel(label, { exact: true }).locator(`option[value="${value}"]`).textContent() : value)
    expect(text, label).toContain(await words(first))
    expect(text, label).toContain(await words(second))
    if (field[2] === 'select') expect(text, label).not.toContain(first)
    if (i === 0) await pages.casey.screenshot({ path: `tests/artifacts/conflict-${name}.png`, fullPage: true })
    // The merge form holds the other party's value, so saving it as it stands keeps theirs.
    expect(await caseyForm.getByLabel(label, { exact: true }).inputValue(), label).toBe(first)
    await caseyForm.getByRole('button', { name: 'Save merged version' }).click()
    await pages.casey.getByText('Nothing changed.').waitFor()
    expect(await caseyForm.getByLabel(label, { exact: true }).inputValue(), `${label} after the merged save`).toBe(first)
  }
}

/** The other way out: Casey picks her own value, and the merged save stores it. */
async function useMine(pages: { alex: Page; casey: Page }, url: string, field: Field, form: (page: Page) => Locator = (p) => p.locator('form.versioned-form')) {
  const [label, name, , first, second] = field
  await Promise.all([pages.alex.goto(url), pages.casey.goto(url)])
  await set(form(pages.alex), field, `${first}!`)
  await save(pages.alex, form(pages.alex))
  await set(form(pages.casey), field, `${second}!`)
  await form(pages.casey).getByRole('button', { name: 'Save' }).click()
  await form(pages.casey).getByTestId(`conflict-${name}`).getByRole('button', { name: 'use mine' }).click()
  await form(pages.casey).getByRole('button', { name: 'Save merged version' }).click()
  await pages.casey.getByText(/Saved \(version \d+\)/).waitFor()
  await pages.alex.goto(url)
  expect(await form(pages.alex).getByLabel(label, { exact: true }).inputValue()).toBe(`${second}!`)
}

const entityForm = (page: Page) => page.locator('form.versioned-form')

it('roadmap item: every field of the form, the costs included', { timeout: 240_000 }, async () => {
  const item = await api('roadmap.create', { slug, title: 'SD-WAN', status: 'PROPOSED', priority: 'MEDIUM', oneTime: 65000, recurring: 3100, targetQuarter: '2027-Q1' })
  const url = `${e2e.server.url}/p/${slug}/roadmap/${item.id}`
  const pages = await twoParties(url)
  await fieldByField(
    pages,
    [
      ['One-time cost', 'oneTime', 'number', '80000', '70000'],
      ['Recurring cost', 'recurring', 'number', '3300.5', '2900'],
      ['Title', 'title', 'text', 'SD-WAN for all plants', 'SD-WAN pilot'],
      ['Status', 'status', 'select', 'IDEA', 'DECLINED'],
      ['Target quarter', 'targetQuarter', 'text', '2027-Q2', '2027-Q3'],
      ['Priority', 'priority', 'select', 'HIGH', 'LOW'],
      ['Category', 'category', 'text', 'Network', 'Infrastructure'],
      ['Currency', 'currency', 'text', 'EUR', 'GBP'],
      ['MSP owner', 'mspOwner', 'text', 'Alex Rivera', 'Sam Okafor'],
      ['Client owner', 'clientOwner', 'text', 'Chris Patel', 'Casey Morgan'],
      ['Business outcome', 'businessOutcome', 'text', 'Lower WAN cost', 'Faster branch links'],
      ['Description', 'description', 'text', 'All sites.', 'Two sites.'],
    ],
    entityForm,
  )
  // "Recurring per" has two values: the second person either keeps it or agrees, so it never conflicts.
  await useMine(pages, url, ['Title', 'title', 'text', 'SD-WAN', 'SD-WAN pilot'])
  expect(pageErrors).toEqual([])
})

it('responsibility: every field of the form', { timeout: 240_000 }, async () => {
  const row = await api('responsibility.create', { slug, category: 'Ops', name: 'Backup', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' })
  const pages = await twoParties(`${e2e.server.url}/p/${slug}/responsibilities/${row.id}`)
  await fieldByField(
    pages,
    [
      ['Function', 'name', 'text', 'Backup and restore', 'Backups'],
      ['Category', 'category', 'text', 'Operations', 'Security'],
      ['Classification', 'classification', 'select', 'STRATEGIC', 'SHARED'],
      ['MSP RACI', 'mspRaci', 'text', 'A', 'AC'],
      ['Client RACI', 'clientRaci', 'text', 'RC', 'R'],
      ['MSP owner', 'mspOwner', 'text', 'Alex Rivera', 'Sam Okafor'],
      ['Client owner', 'clientOwner', 'text', 'Chris Patel', 'Casey Morgan'],
      ['SLA priorities that measure it', 'slaPriorities', 'text', 'P1', 'P2, P3'],
      ['Ticket queues that measure it', 'queues', 'text', 'Service desk', 'Projects'],
      ['Notes', 'notes', 'text', 'Nightly.', 'Weekly.'],
    ],
    entityForm,
  )
  expect(pageErrors).toEqual([])
})

it('CSI entry: every field of the form, the dates included', { timeout: 240_000 }, async () => {
  const entry = await api('csi.create', { slug, opportunity: 'Faster P1', size: 'SMALL', priority: 'MEDIUM' })
  const pages = await twoParties(`${e2e.server.url}/p/${slug}/csi/${entry.id}`)
  await fieldByField(
    pages,
    [
      ['KPI target date', 'kpiTargetDate', 'date', '2027-06-30', '2027-09-30'],
      ['Start', 'startDate', 'date', '2027-01-04', '2027-02-01'],
      ['Due', 'dueDate', 'date', '2027-12-31', '2027-11-30'],
      ['Opportunity', 'opportunity', 'text', 'Faster P1 fixes', 'Faster P1 response'],
      ['Status', 'status', 'select', 'IN_PROGRESS', 'ON_HOLD'],
      ['Improvement stage', 'stage', 'select', 'DO', 'CHECK'],
      ['Size', 'size', 'select', 'LARGE', 'MEDIUM'],
      ['Priority', 'priority', 'select', 'HIGH', 'LOW'],
      ['Owner', 'owner', 'text', 'Alex Rivera', 'Chris Patel'],
      ['KPI (live metric)', 'kpiMetric', 'select', 'sla.resolution.P1', 'uptime'],
      ['KPI baseline', 'kpiBaseline', 'number', '70', '65.5'],
      ['KPI target', 'kpiTarget', 'number', '95', '90'],
      ['Justification', 'justification', 'text', 'Outages cost.', 'Board asks.'],
    ],
    entityForm,
  )
  expect(pageErrors).toEqual([])
})

it('QBR: the details, an agenda item, a decision and an action item, every field of each form', { timeout: 300_000 }, async () => {
  const qbr = await api('qbr.create', { slug, quarter: '2027-Q1', startLocal: '2027-01-12T10:00', endLocal: '2027-01-12T12:00', timezone: 'Europe/Berlin' })
  await api('qbr.decisions.add', { slug, qbrId: qbr.id, text: 'Move to SD-WAN' })
  await api('qbr.actionItems.create', { slug, qbrId: qbr.id, title: 'Order routers', owner: 'Alex Rivera', party: 'MSP' })
  const pages = await twoParties(`${e2e.server.url}/p/${slug}/qbrs/2027-Q1`)
  await fieldByField(
    pages,
    [
      ['Title', 'title', 'text', 'Q1 review', 'Q1 business review'],
      ['Starts (local time)', 'startLocal', 'datetime', '2027-01-12T09:00', '2027-01-12T09:30'],
      ['Ends (local time)', 'endLocal', 'datetime', '2027-01-12T12:30', '2027-01-12T13:00'],
      ['Time zone', 'timezone', 'text', 'America/New_York', 'Europe/London'],
      ['Location', 'location', 'text', 'Room 4', 'Head office'],
      ['Video link', 'videoUrl', 'text', 'https://meet.example/a', 'https://meet.example/b'],
    ],
    (page) => page.locator('form[aria-label="QBR details"]'),
  )
  await fieldByField(
    pages,
    [
      ['Title', 'title', 'text', 'Welcome', 'Introductions'],
      ['Time box (minutes)', 'timeboxMinutes', 'number', '17', '23'],
      ['Presenter', 'presenter', 'text', 'Alex Rivera', 'Casey Morgan'],
      ['Minutes', 'minutes', 'text', 'Agreed.', 'Deferred.'],
    ],
    (page) => page.locator('form[aria-label^="Edit “"]').first(),
  )
  await fieldByField(
    pages,
    [
      ['Decision', 'text', 'text', 'Move to SD-WAN in 2027', 'Pilot SD-WAN first'],
      ['Decided by', 'decidedBy', 'text', 'Both parties', 'The client'],
    ],
    (page) => page.locator('form[aria-label^="Decision:"]').first(),
  )
  await fieldByField(
    pages,
    [
      ['Title', 'title', 'text', 'Order 12 routers', 'Order 10 routers'],
      ['Owner', 'owner', 'text', 'Sam Okafor', 'Chris Patel'],
      ['Due', 'dueDate', 'date', '2027-02-15', '2027-03-01'],
      ['Status', 'status', 'select', 'IN_PROGRESS', 'DONE'],
      ['Notes', 'notes', 'text', 'Quote in.', 'Waiting for budget.'],
    ],
    (page) => page.locator('form[aria-label^="Edit action item"]').first(),
    async (page) => {
      const details = page.locator('li[aria-label^="Action item:"] details').first()
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click()
    },
  )
  // An action item's party (MSP or client) has two values, so it never conflicts (see "Recurring per" above).
  expect(pageErrors).toEqual([])
})

it('an approval given on the page after someone changed the budget is refused, saying what changed; on the current version it goes through', { timeout: 120_000 }, async () => {
  const item = await api('roadmap.create', { slug, title: 'SD-WAN', status: 'PROPOSED', oneTime: 65000, targetQuarter: '2027-Q1' })
  const url = `${e2e.server.url}/p/${slug}/roadmap/${item.id}`
  const { alex, casey } = await twoParties(url)
  await set(entityForm(casey), ['One-time cost', 'oneTime', 'number', '', ''], '80000')
  await save(casey, entityForm(casey))

  await alex.getByRole('button', { name: 'Approve for the MSP' }).click()
  const refusal = alex.getByRole('alert').filter({ hasText: 'Not approved' })
  await refusal.waitFor()
  expect(await refusal.textContent()).toMatch(/version 1 → 2.*One-time cost 65,000 → 80,000 \(Casey Morgan/)
  await alex.screenshot({ path: 'tests/artifacts/roadmap-stale-approval.png', fullPage: true })
  await alex.getByRole('button', { name: 'Approve for the MSP' }).click()
  await alex.getByText('Approved.').waitFor()
  // The notice can come before the page's data is revalidated: wait for the approval itself.
  await expect.poll(() => alex.getByText(/MSP: approved by Alex Rivera/).count()).toBe(1)
  expect(pageErrors).toEqual([])
})
