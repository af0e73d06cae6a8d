// Write-back on the QBR page (ADR 026): an action item sent to the PSA shows the PSA ticket's number and status, as
// roadmap items do, and once the PSA closed the ticket, offers to close the item (through its versioned update).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemo } from '../helpers/factories.ts'
import { type Session, page, signIn } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
})

const slug = 'northwind-contoso'
const QUARTER = '2031-Q2'

async function sentActionItem() {
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  const qbr = await prisma.qbr.create({ data: { partnershipId: p.id, quarter: QUARTER, title: 'PSA QBR', icsUid: `psa-${p.id}@test` } })
  const item = await prisma.qbrActionItem.create({ data: { partnershipId: p.id, qbrId: qbr.id, title: 'Patch the firewalls', owner: 'Sam', party: 'MSP' } })
  const link = await prisma.psaTicketLink.create({
    data: { partnershipId: p.id, itemKind: 'ACTION_ITEM', itemId: item.id, kind: 'connectwise', idempotencyKey: `test-${item.id}`, state: 'SENT', boardOrQueue: '1:Service Desk', ticketNumber: '900123', psaStatus: 'In Progress', sentBy: 'test' },
  })
  return { item, link }
}

const post = (session: Session, fields: Record<string, string>) =>
  fetch(`${server.url}/p/${slug}/qbrs/${QUARTER}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: session.cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  })

describe('the QBR page’s action items sent to the PSA', () => {
  it('shows the PSA ticket’s number and status, then offers to close the item once the PSA closed it', async () => {
    const { item, link } = await sentActionItem()
    const alex = await signIn(server.url, 'alex@northwind.example')
    const before = await (await page(server.url, alex, `/p/${slug}/qbrs/${QUARTER}`)).text()
    expect(before).toContain('PSA ticket #900123 · In Progress')
    expect(before).not.toContain('Close this action item too')

    await (await db()).psaTicketLink.update({ where: { id: link.id }, data: { psaStatus: 'Closed', psaClosed: true } })
    const closed = await (await page(server.url, alex, `/p/${slug}/qbrs/${QUARTER}`)).text()
    expect(closed).toContain('PSA ticket #900123 · Closed')
    expect(closed).toContain('Close this action item too')

    const ok = await post(alex, { intent: 'psa-close', id: item.id, linkId: link.id, baseVersion: String(item.version) })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Action item closed, as its PSA ticket is.')
    expect((await (await db()).qbrActionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('DONE')
    const after = await (await page(server.url, alex, `/p/${slug}/qbrs/${QUARTER}`)).text()
    expect(after).toContain('PSA ticket #900123 · Closed')
    expect(after).not.toContain('Close this action item too')
  })

  it('another MSP’s user cannot close it through the page', async () => {
    const { item, link } = await sentActionItem()
    await (await db()).psaTicketLink.update({ where: { id: link.id }, data: { psaClosed: true } })
    const tara = await signIn(server.url, 'tara@tailspin.example')
    expect((await post(tara, { intent: 'psa-close', id: item.id, linkId: link.id, baseVersion: '1' })).status).toBe(404)
    expect((await (await db()).qbrActionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('OPEN')
  })
})
