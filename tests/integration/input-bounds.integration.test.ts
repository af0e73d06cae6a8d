// The probe of quarters, dates and instants outside 2000–2100 and of integers past an int column: each was a 500
// from PostgreSQL ("date/time field value out of range", "Value out of range for type integer"), a year-0 row, or
// (an as-of in 9999) seconds of CPU and a calendar kept in memory. Each is now refused with a 400 naming the field
// (server/validation/bounds.ts), and a page given such a quarter answers as it does for a malformed one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type Session, page, signIn, trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
let alex: { token: string }
const slug = 'northwind-contoso'
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  alex = { token: await tokenFor('alex@northwind.example') }
  // With a policy, so that a report which got past its input would compute (and, as of 9999, compile a calendar).
  expect((await savePolicy(server.url, alex, slug, DEMO_POLICY)).status).toBe(200)
})

/** The procedure's answer: a 400 whose field errors name `field` (and only fields under it). */
async function expectRefused(kind: 'query' | 'mutation', path: string, input: Record<string, unknown>, field: string) {
  const res = await trpc(server.url, alex, kind, path, input)
  expect({ path, status: res.status, code: res.body.error?.data.code }).toEqual({ path, status: 400, code: 'BAD_REQUEST' })
  const fields = (res.body.error?.data.fieldErrors as Array<{ field: string }>).map((e) => e.field)
  expect(fields).toContain(field)
  return res
}

const QUARTERS = ['0000-Q1', '9999-Q4', '1999-Q4', '2101-Q1']
const INSTANTS = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1999-12-31T23:59:59Z', '2101-01-01T00:00:00Z']

describe('quarters outside 2000–2100', () => {
  it('are refused by every report that takes one, naming quarter', async () => {
    for (const quarter of QUARTERS) {
      await expectRefused('query', 'sla.report', { slug, quarter }, 'quarter')
      await expectRefused('query', 'sla.kpis', { slug, quarter }, 'quarter')
      await expectRefused('query', 'sla.ticketStats', { slug, quarter }, 'quarter')
      await expectRefused('query', 'sla.reportList', { slug, quarter, list: 'breaches' }, 'quarter')
    }
    // The bounds themselves are accepted.
    expect((await trpc(server.url, alex, 'query', 'sla.ticketStats', { slug, quarter: '2000-Q1' })).status).toBe(200)
    expect((await trpc(server.url, alex, 'query', 'sla.ticketStats', { slug, quarter: '2100-Q4' })).status).toBe(200)
  })

  it('are refused by pack.generate before a job is queued', async () => {
    await expectRefused('mutation', 'pack.generate', { slug, quarter: '0000-Q1' }, 'quarter')
    expect(await (await db()).job.count({ where: { kind: 'pack.generate' } })).toBe(0)
  })

  it('are refused by qbr.create and roadmap.create, storing nothing', async () => {
    await expectRefused('mutation', 'qbr.create', { slug, quarter: '0000-Q1' }, 'quarter')
    await expectRefused('mutation', 'roadmap.create', { slug, title: 'Year zero', targetQuarter: '0000-Q1' }, 'targetQuarter')
    const prisma = await db()
    expect(await prisma.qbr.count({ where: { quarter: '0000-Q1' } })).toBe(0)
    expect(await prisma.roadmapItem.count({ where: { targetQuarter: '0000-Q1' } })).toBe(0)
  })
})

describe('instants outside 2000–2100', () => {
  it('are refused as asOf and since, naming the field', async () => {
    for (const asOf of INSTANTS) {
      await expectRefused('query', 'sla.report', { slug, quarter: '2026-Q3', asOf }, 'asOf')
      await expectRefused('query', 'sla.kpis', { slug, quarter: '2026-Q3', asOf }, 'asOf')
      await expectRefused('query', 'sla.atRisk', { slug, asOf }, 'asOf')
      await expectRefused('query', 'sla.explainTicket', { slug, externalId: 'T-1', asOf }, 'asOf')
      await expectRefused('mutation', 'pack.generate', { slug, quarter: '2026-Q3', asOf }, 'asOf')
      await expectRefused('query', 'responsibility.changesSince', { slug, since: asOf }, 'since')
    }
  })

  it('refuses the at-risk list as of 9999 at once, without compiling a calendar to it', async () => {
    const started = performance.now()
    await expectRefused('query', 'sla.atRisk', { slug, asOf: '9999-12-31T23:59:59Z' }, 'asOf')
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('dates outside 2000–2100', () => {
  it('are refused by csi.create and qbr.actionItems.create, naming the field', async () => {
    for (const field of ['dueDate', 'startDate', 'kpiTargetDate']) {
      await expectRefused('mutation', 'csi.create', { slug, opportunity: 'Year zero', size: 'SMALL', [field]: '0000-01-01' }, field)
    }
    const res = await expectRefused('mutation', 'csi.create', { slug, opportunity: 'Year zero', size: 'SMALL', dueDate: '9999-12-31' }, 'dueDate')
    expect(res.body.error?.data.fieldErrors).toEqual([{ field: 'dueDate', message: 'Must be a date from 2000-01-01 to 2100-12-31' }])
    await expectRefused('mutation', 'qbr.actionItems.create', { slug, qbrId: '00000000-0000-4000-8000-000000000000', title: 'Year zero', owner: 'Alex', party: 'MSP', dueDate: '0000-01-01' }, 'dueDate')
    expect(await (await db()).csiEntry.count({ where: { opportunity: 'Year zero' } })).toBe(0)
  })

  it('are a rejected row of the asset CSV, naming purchaseDate, not a 500', async () => {
    const res = await fetch(`${server.url}/api/partnerships/${slug}/assets-csv`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${alex.token}` },
      body: 'externalId,name,purchaseDate\nX,x,0000-01-01\nY,y,2026-01-31',
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { summary: unknown }).summary).toMatchObject({
      inserted: 1,
      rejected: 1,
      errors: [{ line: 2, field: 'purchaseDate', message: 'Must be a date from 2000-01-01 to 2100-12-31' }],
    })
  })
})

describe('integers past an int column', () => {
  it('are refused as versions and base versions, naming the field', async () => {
    await expectRefused('query', 'sla.policy', { slug, version: 2147483648 }, 'version')
    await expectRefused('query', 'pack.snapshot', { slug, quarter: '2026-Q3', version: 2147483648 }, 'version')
    const res = await trpc(server.url, alex, 'query', 'partnership.settings', { slug })
    expect(res.status).toBe(200)
    const settings = res.body.result?.data as { qbrCadenceMonths: number; ownerUserId: string | null; fiscalYearStartMonth: number }
    const { qbrCadenceMonths, ownerUserId, fiscalYearStartMonth } = settings
    await expectRefused('mutation', 'partnership.updateSettings', { slug, qbrCadenceMonths, ownerUserId, fiscalYearStartMonth, baseVersion: 2147483648 }, 'baseVersion')
    // The headcount the editor saw is compared with the int column: past it, a 400, not PostgreSQL's out of range.
    const casey = { token: await tokenFor('casey@contoso.example') }
    const headcount = await trpc(server.url, casey, 'mutation', 'org.setHeadcount', { org: 'contoso', headcount: 200, expected: 2147483648 })
    expect({ status: headcount.status, fields: headcount.body.error?.data.fieldErrors }).toEqual({ status: 400, fields: [{ field: 'expected', message: 'At most 2147483647' }] })
    // The largest the column holds is a version like any other: not found, not out of range.
    expect((await trpc(server.url, alex, 'query', 'pack.snapshot', { slug, quarter: '2026-Q3', version: 2147483647 })).status).toBe(404)
  })
})

describe('pages given such a quarter or version', () => {
  let session: Session
  beforeEach(async () => {
    session = await signIn(server.url, 'alex@northwind.example')
  })

  it('the SLA pages fall back to the current quarter, as for a malformed one', async () => {
    for (const path of [`/p/${slug}/sla`, '/sla']) {
      const current = await page(server.url, session, `${path}?quarter=abc`)
      expect(current.status).toBe(200)
      const currentQuarter = /\d{4}-Q[1-4]/.exec(await current.text())?.[0]
      for (const quarter of ['0000-Q1', '9999-Q4']) {
        const res = await page(server.url, session, `${path}?quarter=${quarter}`)
        expect({ path, quarter, status: res.status }).toEqual({ path, quarter, status: 200 })
        const html = await res.text()
        expect(html).not.toContain(quarter)
        expect(html).toContain(currentQuarter)
      }
    }
  })

  it('the portfolio and its CSV answer 400, as for a malformed one', async () => {
    for (const path of ['/portfolio', '/portfolio.csv']) {
      for (const quarter of ['abc', '0000-Q1', '9999-Q4']) {
        const res = await page(server.url, session, `${path}?quarter=${quarter}`)
        expect({ path, quarter, status: res.status }).toEqual({ path, quarter, status: 400 })
      }
    }
  })

  it('the pack presentation answers 400 to a version past the int column', async () => {
    const res = await page(server.url, session, `/p/${slug}/packs/present/2026-Q3?version=2147483648`)
    expect(res.status).toBe(400)
  })
})
