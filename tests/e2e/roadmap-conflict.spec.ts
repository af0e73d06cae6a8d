import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
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
