// `accord sla disputes`, as an operator runs it against its own embedded database folder. The dispute rows are
// written into that folder directly (the CLI only reads disputes; raising and answering are the parties' own).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))
function freshDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-disputes-cli-'))
  dirs.push(dir)
  return dir
}

const accord = (dataDir: string, args: string[]) => runAccord(dataDir, args)

describe('accord sla disputes', { timeout: 300_000 }, () => {
  it('prints the quarter’s disputes with attainment computed and agreed, as JSON and as text; bad flags are named', async () => {
    const dir = freshDir()
    // A copy of the run's migrated folder (tests/helpers/cli-folders.ts).
    const dataDir = copyCliFolder('migrated', path.join(dir, 'db'))
    // The tenants, policy and tickets are written in this process (each CLI run costs seconds): P2, response target
    // 60 business minutes (America/New_York): A met, B breached (90 min) and disputed, accepted as met.
    const database = await openDatabase({ kind: 'pglite', dataDir }, { holder: 'disputes-cli test' })
    try {
      const p = database.prisma
      const msp = await p.organization.create({ data: { kind: 'MSP', slug: 'harbor', name: 'Harbor IT' } })
      const client = await p.organization.create({ data: { kind: 'CLIENT', slug: 'quay', name: 'Quay Foods' } })
      const partnership = await p.partnership.create({ data: { slug: 'harbor-quay', mspOrgId: msp.id, clientOrgId: client.id } })
      await p.slaPolicy.create({ data: { partnershipId: partnership.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
      const ticket = (externalId: string, created: string, response: string) =>
        p.ticket.create({
          data: { partnershipId: partnership.id, source: 'csv', externalId, title: externalId, priority: 'P2', status: 'Closed', createdAt: new Date(created), firstResponseAt: new Date(response), resolvedAt: new Date(response), pauses: [], contentHash: externalId },
        })
      await ticket('A', '2026-07-13T09:00:00-04:00', '2026-07-13T09:20:00-04:00')
      const b = await ticket('B', '2026-07-14T14:00:00-04:00', '2026-07-14T15:30:00-04:00')
      await p.slaDispute.create({
        data: {
          partnershipId: partnership.id,
          ticketId: b.id,
          metric: 'response',
          liveKey: `${b.id}:response`,
          status: 'ACCEPTED',
          computedVerdict: 'breached',
          agreedVerdict: 'met',
          decidedAt: new Date('2026-07-14T19:00:00Z'),
          elapsedMinutes: 90,
          targetMinutes: 60,
          reason: 'Phoned at 14:20.',
          raisedByLabel: 'Quinn Quay <quinn@quay.example>',
          answer: 'Call log confirms.',
          answeredByLabel: 'Hana Harbor <hana@harbor.example>',
          answeredAt: new Date('2026-11-02T10:00:00Z'),
          version: 2,
        },
      })
    } finally {
      await database.close()
    }

    const json = accord(dataDir, ['sla', 'disputes', '--partnership', 'harbor-quay', '--quarter', '2026-Q3', '--json'])
    expect(json.code, json.stderr).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(report).toMatchObject({
      partnership: 'harbor-quay',
      quarter: '2026-Q3',
      attainment: { response: { computed: 50, agreed: 100 }, resolution: { computed: 100, agreed: 100 } },
      counts: { open: 0, accepted: 1, rejected: 0 },
      disputes: [{ externalId: 'B', metric: 'response', status: 'ACCEPTED', computedVerdict: 'breached', agreedVerdict: 'met', raisedBy: 'Quinn Quay', answeredBy: 'Hana Harbor', answer: 'Call log confirms.' }],
    })

    const text = accord(dataDir, ['sla', 'disputes', '--partnership', 'harbor-quay', '--quarter', '2026-Q3'])
    expect(text.stdout).toContain('response   computed  50.0%   agreed 100.0%')
    expect(text.stdout).toContain('B response   accepted: breached → met (raised by Quinn Quay: Phoned at 14:20.)')

    expect(accord(dataDir, ['sla', 'disputes', '--partnership', 'harbor-quay', '--quarter', '2026-Q5'])).toMatchObject({ code: 1, stderr: 'accord: --quarter: Use a quarter like 2026-Q3' })
  })
})
