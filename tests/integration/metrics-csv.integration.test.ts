import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { trpc, savePolicy } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

// Metric samples from CSV and metric SLAs of any name (ADR 024); the ticket CSV's KPI columns.
let server: TestServer
let alex: { token: string }
let casey: { token: string }
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  alex = { token: await tokenFor('alex@northwind.example') }
  casey = { token: await tokenFor('casey@contoso.example') }
})

const slug = 'northwind-contoso'
const post = (auth: Record<string, string>, body: string, kind = 'metrics') =>
  fetch(`${server.url}/api/partnerships/${slug}/${kind}-csv`, { method: 'POST', headers: { 'Content-Type': 'text/csv', ...auth }, body })
const GOOD = ['metric,at,value,source', 'uptime,2026-07-01T12:00:00Z,99.95,rmm', 'uptime,2026-07-15T00:00:00Z,99.85,', 'hours_to_patch,2026-07-10T00:00:00Z,36,rmm'].join('\n')
const samples = async () => (await db()).metricSample.findMany({ where: { partnership: { slug } }, orderBy: [{ metric: 'asc' }, { at: 'asc' }], select: { metric: true, value: true, source: true } })

describe('metrics CSV import', () => {
  it('imports any metric name, idempotently, with a summary', async () => {
    const first = await post({ Authorization: `Bearer ${alex.token}` }, GOOD)
    expect(first.status).toBe(200)
    expect((await first.json()).summary).toMatchObject({ rows: 3, inserted: 3, updated: 0, unchanged: 0, metrics: ['hours_to_patch', 'uptime'] })
    const again = await post({ Authorization: `Bearer ${alex.token}` }, GOOD)
    expect((await again.json()).summary).toMatchObject({ rows: 3, inserted: 0, updated: 0, unchanged: 3 })
    const changed = await post({ Authorization: `Bearer ${alex.token}` }, 'metric,at,value\nuptime,2026-07-01T12:00:00Z,99.5\n')
    expect((await changed.json()).summary).toMatchObject({ inserted: 0, updated: 1 })
    expect(await samples()).toEqual([
      { metric: 'hours_to_patch', value: 36, source: 'rmm' },
      { metric: 'uptime', value: 99.5, source: 'csv' },
      { metric: 'uptime', value: 99.85, source: 'csv' },
    ])
  })

  it('refuses a file with bad rows (400 naming each line and field) and writes nothing', async () => {
    const bad = ['metric,at,value', 'uptime,2026-07-01T00:00:00Z,99.9', 'uptime,2026-07-02T00:00:00Z,120', 'Bad Name,2026-07-03T00:00:00Z,1', 'backups,2026-02-30T00:00:00Z,1', 'backups,2026-07-04T00:00:00Z,lots'].join('\n')
    const res = await post({ Authorization: `Bearer ${alex.token}` }, bad)
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.message).toMatch(/^line 3: value: A percentage from 0 to 100 \(and 3 more bad row\(s\)\); nothing was imported$/)
    expect(body.error.details.errors).toEqual([
      { line: 3, field: 'value', message: 'A percentage from 0 to 100' },
      { line: 4, field: 'metric', message: expect.stringMatching(/lower-case name/) },
      { line: 5, field: 'at', message: expect.stringMatching(/calendar date/) },
      { line: 6, field: 'value', message: '"lots" is not a number' },
    ])
    const header = await post({ Authorization: `Bearer ${alex.token}` }, 'metric,when,value\nuptime,2026-07-01T00:00:00Z,1\n')
    expect(header.status).toBe(400)
    expect((await header.json()).error.fieldErrors).toEqual([
      { field: 'file.at', message: 'Required column missing' },
      { field: 'file.when', message: 'Unknown column; expected metric,at,value,source' },
    ])
    expect(await samples()).toEqual([])
  })

  it('refuses the client (403), another tenant (404) and an anonymous caller (401)', async () => {
    expect((await post({ Authorization: `Bearer ${casey.token}` }, GOOD)).status).toBe(403)
    expect((await post({ Authorization: `Bearer ${await tokenFor('tara@tailspin.example')}` }, GOOD)).status).toBe(404)
    expect((await post({ Origin: server.url }, GOOD)).status).toBe(401)
    expect(await samples()).toEqual([])
  })

  it('reports a metric SLA of any name, with its unit and direction', async () => {
    const policy = { ...DEMO_POLICY, metricTargets: [...DEMO_POLICY.metricTargets, { metric: 'hours_to_patch', unit: 'h', op: '<=', value: 48, period: 'quarter' }] }
    expect((await savePolicy(server.url, alex, slug, policy)).status).toBe(200)
    await post({ Authorization: `Bearer ${alex.token}` }, GOOD)
    const report = (await trpc(server.url, casey, 'query', 'sla.report', { slug, quarter: '2026-Q3', tickets: false })).body.result?.data as Record<string, any>
    expect(report.metricSlas).toEqual([
      { metric: 'uptime', unit: '%', op: '>=', target: 99.9, period: 'month', results: [
        { period: '2026-07', value: 99.9, samples: 2, met: true },
        { period: '2026-08', value: null, samples: 0, met: null },
        { period: '2026-09', value: null, samples: 0, met: null },
      ] },
      { metric: 'hours_to_patch', unit: 'h', op: '<=', target: 48, period: 'quarter', results: [{ period: '2026-Q3', value: 36, samples: 1, met: true }] },
    ])
  })
})

describe('ticket CSV KPI columns', () => {
  it('reads reopens, firstContact and origin, and names a bad origin', async () => {
    const csv = [
      'externalId,priority,createdAt,resolvedAt,reopens,firstContact,origin',
      'K-1,P3,2026-07-01T09:00:00Z,2026-07-01T10:00:00Z,2,yes,Alert',
      'K-2,P3,2026-07-01T09:00:00Z,,,,',
      'K-3,P3,2026-07-01T09:00:00Z,,,,phone',
    ].join('\n')
    const res = await post({ Authorization: `Bearer ${alex.token}` }, csv, 'tickets')
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.at(-1).summary).toMatchObject({ inserted: 2, rejected: 1, errors: [{ line: 4, field: 'origin', message: 'One of alert, request, maintenance' }] })
    const rows = await (await db()).ticket.findMany({ where: { partnership: { slug } }, orderBy: { externalId: 'asc' }, select: { externalId: true, reopens: true, firstContact: true, origin: true } })
    expect(rows).toEqual([
      { externalId: 'K-1', reopens: 2, firstContact: true, origin: 'alert' },
      { externalId: 'K-2', reopens: 0, firstContact: null, origin: null },
    ])
  })
})
