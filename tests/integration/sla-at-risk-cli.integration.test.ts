import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

// `accord sla at-risk` as an operator runs it, against its own embedded database folder seeded with the demo's year
// of tickets (issue 11 §6 through the CLI): a copy of the run's demo folder (tests/helpers/cli-folders.ts).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-at-risk-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const accord = (args: string[]) => runAccord(path.join(dir, 'db'), args)

describe('accord sla at-risk', () => {
  it('lists the clocks past the policy’s at-risk share, soonest due first, and names a bad --as-of', { timeout: 300_000 }, () => {
    copyCliFolder('demo', path.join(dir, 'db'))
    const run = accord(['sla', 'at-risk', '--partnership', 'northwind-contoso', '--json'])
    expect(run.code).toBe(0)
    const list = JSON.parse(run.stdout) as { atRiskShare: number; total: number; clocks: Array<{ usedShare: number; dueAt: string | null; metric: string }> }
    expect(list.atRiskShare).toBe(0.75)
    expect(list.clocks).toHaveLength(list.total)
    for (const c of list.clocks) {
      expect(c.usedShare).toBeGreaterThanOrEqual(0.75)
      expect(c.usedShare).toBeLessThanOrEqual(1)
    }
    const due = list.clocks.map((c) => c.dueAt ?? '9999')
    expect(due).toEqual([...due].sort())
    const text = accord(['sla', 'at-risk', '--partnership', 'northwind-contoso'])
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^${list.total} clock\\(s\\) at risk \\(≥ 75% used\\) as of `))
    expect(accord(['sla', 'at-risk', '--partnership', 'northwind-contoso', '--as-of', 'yesterday'])).toMatchObject({ code: 1, stderr: expect.stringContaining('asOf') })
  })
})
