// `accord db prune` (issue 14 §1) on an embedded database of its own: it deletes what is past the configured
// retention and prints the counts (what it prunes, kind by kind, is retention.integration.test.ts).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.server.ts'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-prune-'))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))
const dataDir = path.join(root, 'db')

const accord = (args: string[], env: Record<string, string> = {}) => runAccord(dataDir, args, { env })

async function withDatabase<T>(use: (prisma: Awaited<ReturnType<typeof openDatabase>>['prisma']) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: 'pglite', dataDir }, { holder: 'db-prune-cli test' })
  try {
    return await use(database.prisma)
  } finally {
    await database.close()
  }
}

it('deletes the finished jobs older than RETENTION_JOB_DAYS and prints what it pruned', { timeout: 120_000 }, async () => {
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000)
  // A copy of the run's migrated folder (tests/helpers/cli-folders.ts).
  copyCliFolder('migrated', dataDir)
  await withDatabase((prisma) =>
    prisma.job.createMany({
      data: [
        { kind: 'old', status: 'succeeded', finishedAt: ago(11) },
        { kind: 'recent', status: 'succeeded', finishedAt: ago(9) },
      ],
    }),
  )
  const pruned = accord(['db', 'prune'], { RETENTION_JOB_DAYS: '10' })
  expect(pruned.stderr).toBe('')
  expect(JSON.parse(pruned.stdout)).toEqual({ jobs: 1, syncRuns: 0, outbox: 0, sessions: 0, webhookDeliveries: 0 })
  expect(await withDatabase(async (prisma) => (await prisma.job.findMany()).map((j) => j.kind))).toEqual(['recent'])
})
