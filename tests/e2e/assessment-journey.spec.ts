// The standards assessment journey (issue 16 §1): the engineer answers and submits, the account manager reviews and
// turns a misalignment into a roadmap item in one step, the client sees the reviewed assessment, comments, and
// approves the item, which links back to its finding.
import { beforeEach, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { signedInPage } from '../helpers/browser.ts'
import { seedDemo } from '../helpers/factories.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'

const e2e = useServerAndBrowser()
beforeEach(() => seedDemo())

const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email)
const SLUG = 'northwind-contoso'

it('an engineer assesses, the account manager reviews and turns a misalignment into a roadmap item the client approves', { timeout: 180_000 }, async () => {
  const prisma = await db()
  const base = `${e2e.server.url}/p/${SLUG}`

  // The engineer starts an assessment from the page.
  const sam = await signedIn('sam@northwind.example')
  await sam.goto(`${base}/assessments`)
  await sam.getByLabel('Title (optional)').fill('Q4 standards check')
  await sam.getByRole('button', { name: 'Start assessment' }).click()
  await sam.waitForURL(/\/assessments\/[0-9a-f-]{36}$/)
  const assessmentUrl = sam.url()
  const assessment = await prisma.assessment.findFirstOrThrow({ where: { title: 'Q4 standards check' }, include: { answers: { orderBy: { sortOrder: 'asc' } } } })
  const [mfa, second, ...rest] = assessment.answers
  // Most answers are recorded straight away (the page's form is exercised on the two below); the rest aligned.
  await prisma.assessmentAnswer.updateMany({ where: { id: { in: rest.map((a) => a.id) } }, data: { alignment: 'ALIGNED', answeredByLabel: 'Sam' } })

  await sam.reload()
  const first = sam.getByRole('listitem').filter({ has: sam.getByRole('heading', { name: mfa.question }) })
  await first.getByLabel('Misaligned').check()
  await first.getByLabel('Evidence').fill('Three finance accounts sign in with a password only')
  await first.getByRole('button', { name: 'Save answer' }).click()
  await first.getByText('Saved.').waitFor()
  const other = sam.getByRole('listitem').filter({ has: sam.getByRole('heading', { name: second.question }) })
  await other.getByLabel('Not applicable').check()
  await other.getByRole('button', { name: 'Save answer' }).click()
  await other.getByText('Saved.').waitFor()
  await sam.screenshot({ path: `${ARTIFACTS}/assessment-draft.png`, fullPage: false })
  await sam.reload()
  await sam.getByRole('button', { name: 'Submit for review' }).click()
  await sam.getByText('Submitted for review.').waitFor()
  // An engineer cannot review.
  expect(await sam.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0)

  // Before the review the client sees nothing of it.
  const casey = await signedIn('casey@contoso.example')
  expect((await casey.goto(assessmentUrl))?.status()).toBe(404)

  // The account manager reviews and turns the misalignment into a roadmap item.
  const alex = await signedIn('alex@northwind.example')
  await alex.goto(assessmentUrl)
  await alex.getByRole('button', { name: 'Mark reviewed' }).click()
  await alex.getByText('Reviewed: the client can now see this assessment.').waitFor()
  const finding = alex.getByRole('listitem').filter({ has: alex.getByRole('heading', { name: mfa.question }) })
  await finding.getByRole('button', { name: 'Make a roadmap item' }).click()
  const link = finding.getByRole('link', { name: mfa.question })
  await link.waitFor()
  await alex.screenshot({ path: `${ARTIFACTS}/assessment-reviewed.png`, fullPage: false })
  await link.click()
  await alex.waitForURL(/\/roadmap\/[0-9a-f-]{36}$/)
  const itemUrl = alex.url()
  await alex.getByText('From a standards assessment finding').waitFor()
  await alex.getByRole('button', { name: 'Approve for the MSP' }).click()
  await alex.getByText(/MSP: approved by Alex/).waitFor()

  // The client reads the reviewed assessment, comments, and approves the item, which links back to its finding.
  await casey.goto(assessmentUrl)
  await casey.getByText('Three finance accounts sign in with a password only').waitFor()
  expect(await casey.getByRole('button', { name: 'Save answer' }).count()).toBe(0)
  await casey.getByLabel('Add a comment').fill('Agreed: we fund the MFA roll-out for finance this quarter.')
  await casey.getByRole('button', { name: 'Comment' }).click()
  await casey.getByText('Comment added.').waitFor()
  await casey.screenshot({ path: `${ARTIFACTS}/assessment-client.png`, fullPage: false })
  await casey.goto(itemUrl)
  await casey.getByRole('link', { name: 'Q4 standards check' }).waitFor()
  await casey.getByRole('button', { name: 'Approve for the client' }).click()
  await casey.getByText(/Client: approved by Casey/).waitFor()

  const answer = await prisma.assessmentAnswer.findUniqueOrThrow({ where: { id: mfa.id } })
  const item = await prisma.roadmapItem.findUniqueOrThrow({ where: { id: answer.roadmapItemId! } })
  expect(item).toMatchObject({ status: 'APPROVED', title: mfa.question, priority: mfa.severity })

  // The client's list of assessments shows it with its score.
  await casey.goto(`${base}/assessments`)
  const row = casey.getByRole('row').filter({ has: casey.getByRole('link', { name: 'Q4 standards check' }) })
  expect(await row.innerText()).toMatch(/Reviewed\s+.*\d+%/s)

  // Beside each QBR, the alignment of the last assessment reviewed by its date.
  const partnership = await prisma.partnership.findUniqueOrThrow({ where: { slug: SLUG } })
  const later = new Date(Date.now() + 86_400_000)
  await prisma.qbr.create({ data: { partnershipId: partnership.id, quarter: '2040-Q1', title: 'Next QBR', icsUid: `journey-${later.getTime()}@test`, startsAt: later, endsAt: new Date(later.getTime() + 3_600_000), startLocal: '2040-01-15T10:00', endLocal: '2040-01-15T11:00' } })
  await casey.goto(`${base}/qbrs`)
  const qbrRow = casey.getByRole('row').filter({ has: casey.getByRole('link', { name: '2040-Q1' }) })
  expect(await qbrRow.innerText()).toMatch(/\d+%/)
  await casey.screenshot({ path: `${ARTIFACTS}/assessment-qbrs.png`, fullPage: false })
  await alex.goto(`${e2e.server.url}/org/northwind/standards`)
  await alex.screenshot({ path: `${ARTIFACTS}/standards-library.png`, fullPage: false })
})
