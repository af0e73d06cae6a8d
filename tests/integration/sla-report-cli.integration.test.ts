// `accord sla report`: the lists come as counts and a first page (ADR 030); --all reads every page, for scripts.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDatabase, openDatabase, setDatabase } from '../../server/db/client.server.ts'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { REPORT_PAGE } from '../../server/sla/report-lists.ts'
import { pushTickets } from '../../server/tickets/push-tickets.server.ts'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

const accord = (dataDir: string, args: string[]) => runAccord(dataDir, args)

describe('accord sla report', { timeout: 300_000 }, () => {
  it('prints the counts and the first page of each list; --all prints every item', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-sla-report-cli-'))
    dirs.push(dir)
    // A copy of the run's migrated folder (tests/helpers/cli-folders.ts).
    const dataDir = copyCliFolder('migrated', path.join(dir, 'db'))
    const database = await openDatabase({ kind: 'pglite', dataDir }, { holder: 'sla-report-cli test' })
    // The write path stores the verdicts through the process's database: this folder's, for the moment.
    const worker = await getDatabase()
    const BREACHED = REPORT_PAGE + 21
    const ids = Array.from({ length: BREACHED }, (_, i) => `B-${String(i).padStart(3, '0')}`)
    try {
      const p = database.prisma
      const msp = await p.organization.create({ data: { kind: 'MSP', slug: 'harbor', name: 'Harbor IT' } })
      const client = await p.organization.create({ data: { kind: 'CLIENT', slug: 'quay', name: 'Quay Foods' } })
      const partnership = await p.partnership.create({ data: { slug: 'harbor-quay', mspOrgId: msp.id, clientOrgId: client.id } })
      await p.slaPolicy.create({ data: { partnershipId: partnership.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
      // P1 tickets answered after 2 h (target 30 min): each response breached, stored at write.
      const tickets = Array.from({ length: BREACHED }, (_, i) => {
        const created = Date.parse('2026-07-13T13:00:00Z') + i * 3_600_000
        return { externalId: ids[i], title: `Breach ${i}`, priority: 'P1' as const, createdAt: new Date(created).toISOString(), firstResponseAt: new Date(created + 7_200_000).toISOString(), resolvedAt: new Date(created + 7_300_000).toISOString() }
      })
      setDatabase(database)
      await pushTickets(await unsafeOperatorScope('harbor-quay'), { slug: 'harbor-quay', source: 'api', tickets })
      expect(await p.ticket.count({ where: { partnershipId: partnership.id, slaVersion: 1, responseVerdict: 2 } })).toBe(BREACHED)
    } finally {
      setDatabase(worker)
      await database.close()
    }
    const args = ['sla', 'report', '--partnership', 'harbor-quay', '--quarter', '2026-Q3', '--as-of', '2026-10-05T00:00:00Z']
    const first = accord(dataDir, [...args, '--json'])
    expect(first.stderr).toBe('')
    const r = JSON.parse(first.stdout)
    expect(r.counts.breaches).toBe(BREACHED)
    expect(r.breaches.map((t: { externalId: string }) => t.externalId)).toEqual(ids.slice(0, REPORT_PAGE))
    expect(typeof r.next.breaches).toBe('string')

    const all = accord(dataDir, [...args, '--all', '--json'])
    const a = JSON.parse(all.stdout)
    expect(a.breaches.map((t: { externalId: string }) => t.externalId)).toEqual(ids)
    expect(a.next).toEqual({ breaches: null, disagreements: null, pending: null })

    const text = accord(dataDir, [...args, '--all'])
    expect(text.stdout).toContain(`${BREACHED} breached tickets; 0 disagreements with the vendor's verdicts; 0 tickets pending.`)
    expect(text.stdout.split('\n').filter((l) => /^ {4}B-\d{3} {2}P1/.test(l))).toHaveLength(BREACHED)
  })
})
