// The partnership's settings (ADR 023 addendum): QBR cadence, the MSP's account manager and the fiscal year start,
// set by the MSP's admin and account managers through one schema shared by the page and `partnership.updateSettings`.
// A bad value is a 400 naming its field with nothing written, a stale version a 409, a foreign account manager a 400.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { seedDemo } from '../helpers/factories.ts'
import { type Session, page, signIn, trpc } from '../helpers/http.ts'
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
const userId = async (email: string) => (await (await db()).user.findUniqueOrThrow({ where: { email } })).id
const row = async () => (await db()).partnership.findUniqueOrThrow({ where: { slug }, select: { qbrCadenceMonths: true, ownerUserId: true, fiscalYearStartMonth: true, settingsVersion: true } })

type Settings = { version: number; qbrCadenceMonths: number; ownerUserId: string | null; fiscalYearStartMonth: number; candidates: Array<{ id: string; name: string }> }

describe('partnership.settings / updateSettings', () => {
  it('saves cadence, account manager and fiscal year, bumps the version, audits, and the portfolio reads them', async () => {
    const alex = await signIn(server.url, 'alex@northwind.example')
    const before = (await trpc(server.url, alex, 'query', 'partnership.settings', { slug })).body.result!.data as Settings
    expect(before.candidates.map((c) => c.name)).toEqual(['Alex Rivera', 'Ava Northcott', 'Sam Okafor'])
    const sam = await userId('sam@northwind.example')
    const saved = await trpc(server.url, alex, 'mutation', 'partnership.updateSettings', { slug, baseVersion: before.version, qbrCadenceMonths: 6, ownerUserId: sam, fiscalYearStartMonth: 7 })
    expect(saved.status).toBe(200)
    expect(saved.body.result!.data).toMatchObject({ version: before.version + 1, qbrCadenceMonths: 6, ownerUserId: sam, fiscalYearStartMonth: 7 })
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { action: 'partnership.updateSettings' } })
    expect(audit.changes).toMatchObject({ qbrCadenceMonths: { before: 3, after: 6 }, ownerUserId: { after: sam }, fiscalYearStartMonth: { before: 1, after: 7 } })
    const portfolio = (await trpc(server.url, alex, 'query', 'portfolio.list', { org: 'northwind', quarter: '2026-Q3', owner: sam })).body.result!.data as { rows: Array<{ slug: string; qbrCadenceMonths: number }> }
    expect(portfolio.rows).toEqual([expect.objectContaining({ slug, qbrCadenceMonths: 6 })])
  })

  it('refuses bad values with a 400 naming each field, and writes nothing', async () => {
    const ava = await signIn(server.url, 'ava@northwind.example')
    const was = await row()
    const bad = await trpc(server.url, ava, 'mutation', 'partnership.updateSettings', { slug, baseVersion: was.settingsVersion, qbrCadenceMonths: 0, ownerUserId: 'x', fiscalYearStartMonth: 2 })
    expect(bad.status).toBe(400)
    expect(bad.body.error!.data.fieldErrors.map((f) => f.field).sort()).toEqual(['fiscalYearStartMonth', 'ownerUserId', 'qbrCadenceMonths'])
    // A member of another organization (the client's executive) is not the MSP's account manager.
    const foreign = await trpc(server.url, ava, 'mutation', 'partnership.updateSettings', { slug, baseVersion: was.settingsVersion, qbrCadenceMonths: 3, ownerUserId: await userId('casey@contoso.example'), fiscalYearStartMonth: 1 })
    expect(foreign.status).toBe(400)
    expect(foreign.body.error!.data.fieldErrors).toEqual([{ field: 'ownerUserId', message: 'Not a member of the MSP' }])
    expect(await row()).toEqual(was)
  })

  it('refuses a stale version with 409 (a save, or a fiscal.set, in between), keeping the other write', async () => {
    const alex = await signIn(server.url, 'alex@northwind.example')
    const ava = await signIn(server.url, 'ava@northwind.example')
    const base = (await row()).settingsVersion
    expect((await trpc(server.url, ava, 'mutation', 'partnership.updateSettings', { slug, baseVersion: base, qbrCadenceMonths: 4, ownerUserId: null, fiscalYearStartMonth: 1 })).status).toBe(200)
    const stale = await trpc(server.url, alex, 'mutation', 'partnership.updateSettings', { slug, baseVersion: base, qbrCadenceMonths: 2, ownerUserId: null, fiscalYearStartMonth: 1 })
    expect(stale.status).toBe(409)
    expect(stale.body.error!.data.code).toBe('CONFLICT')
    expect((await row()).qbrCadenceMonths).toBe(4)
    const current = (await row()).settingsVersion
    const casey = await signIn(server.url, 'casey@contoso.example')
    expect((await trpc(server.url, casey, 'mutation', 'fiscal.set', { slug, startMonth: 4 })).status).toBe(200)
    expect((await trpc(server.url, alex, 'mutation', 'partnership.updateSettings', { slug, baseVersion: current, qbrCadenceMonths: 2, ownerUserId: null, fiscalYearStartMonth: 1 })).status).toBe(409)
    expect((await row()).fiscalYearStartMonth).toBe(4)
  })

  it('is the MSP admin’s and account manager’s: an engineer and the client get 403, another MSP 404', async () => {
    const input = { slug, baseVersion: 1, qbrCadenceMonths: 2, ownerUserId: null, fiscalYearStartMonth: 1 }
    for (const [email, status] of [['sam@northwind.example', 403], ['casey@contoso.example', 403], ['tara@tailspin.example', 404]] as const) {
      const session = await signIn(server.url, email)
      expect((await trpc(server.url, session, 'query', 'partnership.settings', { slug })).status, email).toBe(status)
      expect((await trpc(server.url, session, 'mutation', 'partnership.updateSettings', input)).status, email).toBe(status)
      expect((await page(server.url, session, `/p/${slug}/settings`)).status, email).toBe(status)
    }
    expect((await row()).qbrCadenceMonths).toBe(3)
  })
})

describe('the settings page', () => {
  const post = (session: Session, fields: Record<string, string>) =>
    fetch(`${server.url}/p/${slug}/settings`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: session.cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    })

  it('shows the form, names a bad field, saves, and says when the form was stale', async () => {
    const alex = await signIn(server.url, 'alex@northwind.example')
    const html = await (await page(server.url, alex, `/p/${slug}/settings`)).text()
    expect(html).toContain('Months between QBRs')
    expect(html).toContain('Account manager')
    expect(html).toMatch(/April — this quarter reads FY\d+ Q\d/)
    const version = String((await row()).settingsVersion)
    const bad = await post(alex, { baseVersion: version, qbrCadenceMonths: '13', ownerUserId: '', fiscalYearStartMonth: '1' })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Between 1 and 12 months')
    expect(badHtml).toMatch(/id="qbrCadenceMonths"[^>]*aria-invalid="true"/)
    const ok = await post(alex, { baseVersion: version, qbrCadenceMonths: '6', ownerUserId: await userId('alex@northwind.example'), fiscalYearStartMonth: '10' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Saved (version')
    expect(await row()).toMatchObject({ qbrCadenceMonths: 6, fiscalYearStartMonth: 10 })
    const stale = await post(alex, { baseVersion: version, qbrCadenceMonths: '2', ownerUserId: '', fiscalYearStartMonth: '1' })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('The form below shows the current settings.')
  })
})

describe('fiscal quarters on the pages (ADR 027)', () => {
  it('names quarters in the fiscal year with their calendar dates on the QBR, roadmap and portfolio pages', async () => {
    const alex = await signIn(server.url, 'alex@northwind.example')
    const prisma = await db()
    const p = await prisma.partnership.update({ where: { slug }, data: { fiscalYearStartMonth: 7 } })
    await prisma.qbr.deleteMany({ where: { partnershipId: p.id, quarter: '2026-Q4' } })
    await prisma.qbr.create({ data: { partnershipId: p.id, quarter: '2026-Q4', title: 'Fiscal QBR', icsUid: `fiscal-${p.id}@test` } })
    await prisma.roadmapItem.create({ data: { partnershipId: p.id, title: 'Fiscal item', proposedBy: 'MSP', status: 'APPROVED', targetQuarter: '2026-Q4', oneTimeCents: 100_000n } })
    const qbrs = await (await page(server.url, alex, `/p/${slug}/qbrs`)).text()
    expect(qbrs).toContain('FY2027 Q2 (1 Oct – 31 Dec 2026)')
    const qbr = await (await page(server.url, alex, `/p/${slug}/qbrs/2026-Q4`)).text()
    expect(qbr).toContain('FY2027 Q2 (1 Oct – 31 Dec 2026)')
    const roadmap = await (await page(server.url, alex, `/p/${slug}/roadmap`)).text()
    expect(roadmap).toContain('FY2027 Q2 (1 Oct – 31 Dec 2026)')
    const portfolio = await (await page(server.url, alex, '/portfolio?quarter=2026-Q4')).text()
    expect(portfolio).toContain('FY2027 Q2 (1 Oct – 31 Dec 2026)')
    // A calendar-year partnership keeps the calendar key.
    expect(await (await page(server.url, alex, '/p/northwind-fabrikam/qbrs')).text()).not.toContain('FY20')
  })
})

