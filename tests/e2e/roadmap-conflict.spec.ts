import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { signedInPage } from '../helpers/browser.ts'
import { seedDemo } from '../helpers/factories.ts'
import { useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email)

it('the client executive and the account manager edit the same roadmap item; the second save sees the conflict and merges', async () => {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  const item = await prisma.roadmapItem.create({ data: { partnershipId: p.id, title: 'Replace the VPN', proposedBy: 'MSP', status: 'PROPOSED', category: 'Network' } })
  const url = `${e2e.server.url}/p/northwind-contoso/roadmap/${item.id}`

  const casey = await signedIn('casey@contoso.example')
  const alex = await signedIn('alex@northwind.example')
  await casey.goto(url)
  await alex.goto(url)

  // Alex saves first: a new title.
  await alex.getByLabel('Title').fill('Replace the VPN with SD-WAN')
  await alex.getByRole('button', { name: 'Save' }).click()
  await alex.getByText(/Saved \(version 2\)/).waitFor()

  // Casey, on the version she opened, changes the title too and the category.
  await casey.getByLabel('Title').fill('Replace the VPN (pilot first)')
  await casey.getByLabel('Category').fill('Network & security')
  await casey.getByRole('button', { name: 'Save' }).click()
  await casey.getByText('Someone else saved this while you were editing.').waitFor()
  const note = casey.getByTestId('conflict-title')
  expect(await note.textContent()).toContain('Alex Rivera')
  expect(await note.textContent()).toContain('Replace the VPN with SD-WAN')
  // Her other edit is kept; the title shows Alex's, which she keeps by saving the merged version as it stands.
  expect(await casey.getByLabel('Category').inputValue()).toBe('Network & security')
  expect(await casey.getByLabel('Title').inputValue()).toBe('Replace the VPN with SD-WAN')
  await casey.getByRole('button', { name: 'Save merged version' }).click()
  await casey.getByText(/Saved \(version 3\)/).waitFor()
  await casey.screenshot({ path: 'tests/artifacts/roadmap-merged.png', fullPage: true })

  const final = await prisma.roadmapItem.findUniqueOrThrow({ where: { id: item.id } })
  expect(final).toMatchObject({ title: 'Replace the VPN with SD-WAN', category: 'Network & security', version: 3 })
})

it('two MSP editors save the SLA policy from version 1: the second is told who saved version 2, sees it listed, and saves on top knowingly', async () => {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: 'Standard', definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  const url = `${e2e.server.url}/p/northwind-contoso/sla/policy`
  const ava = await signedIn('ava@northwind.example')
  const alex = await signedIn('alex@northwind.example')
  await ava.goto(url)
  await alex.goto(url)
  const rename = async (page: typeof ava, name: string) => {
    const text = await page.getByLabel('Policy (JSON)').inputValue()
    await page.getByLabel('Policy (JSON)').fill(text.replace('"name": "Standard"', `"name": "${name}"`))
    await page.getByRole('button', { name: 'Save as a new version' }).click()
  }
  await rename(ava, 'Standard (Ava)')
  await ava.getByText('Saved as version 2.').waitFor()

  await rename(alex, 'Standard (Alex)')
  await alex.getByText(/^Not saved: Ava Northcott .* saved version 2 since you opened version 1/).waitFor()
  // The page read again: version 2 is listed and named in the heading; Alex's text is still in the box.
  await alex.getByRole('heading', { name: 'SLA policy v2' }).waitFor()
  await alex.getByText('Standard (Ava)').waitFor()
  expect(await alex.getByLabel('Policy (JSON)').inputValue()).toContain('"name": "Standard (Alex)"')
  await alex.screenshot({ path: 'tests/artifacts/sla-policy-conflict.png', fullPage: true })
  expect((await prisma.slaPolicy.findMany({ where: { partnershipId: p.id }, orderBy: { version: 'asc' } })).map((v) => v.name)).toEqual(['Standard', 'Standard (Ava)'])

  await alex.getByRole('button', { name: 'Save as a new version' }).click()
  await alex.getByText('Saved as version 3.').waitFor()
  expect((await prisma.slaPolicy.findFirstOrThrow({ where: { partnershipId: p.id }, orderBy: { version: 'desc' } })).name).toBe('Standard (Alex)')
})
