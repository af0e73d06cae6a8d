import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.server.ts'
import { runAccord } from '../helpers/cli-entry.ts'

// The real `accord` command as an operator runs it, each test against its own embedded database folder: a copy of one
// migrated and seeded in beforeAll (each CLI run costs seconds, a migration and a seed many more).
const dirs: string[] = []
function freshDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'))
  dirs.push(dir)
  return path.join(dir, 'db')
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

/** 45 days of demo activity: the notify test scans the last 30. Four CLI runs: minutes on a loaded machine. */
const SEED = ['demo', 'seed', '--days', '45']
let seeded = ''
const setup: Record<'migrate' | 'migrateAgain' | 'seed' | 'seedAgain', ReturnType<typeof accord>> = {} as never
beforeAll(() => {
  seeded = freshDir()
  setup.migrate = accord(seeded, ['db', 'migrate'])
  setup.migrateAgain = accord(seeded, ['db', 'migrate'])
  setup.seed = accord(seeded, SEED)
  setup.seedAgain = accord(seeded, SEED)
}, 900_000)
/** A folder of its own holding a copy of the seeded database. */
function seededCopy() {
  const dir = freshDir()
  fs.cpSync(seeded, dir, { recursive: true })
  return dir
}

const accord = (dataDir: string, args: string[], stdin = '') => runAccord(dataDir, args, { stdin })

describe('accord CLI', { timeout: 300_000 }, () => {
  it('migrates, seeds idempotently, creates tenants, users and a token that prints alone', () => {
    expect(setup.migrate).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration/) })
    expect(setup.migrateAgain).toMatchObject({ code: 0, stdout: 'The database is up to date.' })
    expect(setup.seed.stdout).toContain('created 4 organizations, 3 partnerships, 7 users')
    expect(setup.seedAgain.stdout).toContain('created 0 organizations, 0 partnerships, 0 users')
    const dir = seededCopy()
    expect(accord(dir, ['org', 'create', '--kind', 'CLIENT', '--slug', 'lodz', '--name', 'Łódź Logistics'])).toMatchObject({ code: 0 })
    expect(accord(dir, ['partnership', 'create', '--msp', 'northwind', '--client', 'lodz', '--slug', 'northwind-lodz'])).toMatchObject({ code: 0 })
    expect(accord(dir, ['user', 'create', '--email', 'Ola@Lodz.example', '--name', 'Ola', '--org', 'lodz', '--role', 'CLIENT_EXECUTIVE'], 'a-long-password\n')).toMatchObject({
      code: 0,
      stdout: 'Created user ola@lodz.example.',
    })
    const token = accord(dir, ['token', 'create', '--email', 'ola@lodz.example', '--name', 'export'])
    expect(token.code).toBe(0)
    expect(token.stdout).toMatch(/^acc_[A-Za-z0-9_-]{43}$/)
  })

  it('prints the alignment trend of the demo’s reviewed assessments, and seeds the starter standards idempotently', () => {
    const dir = seededCopy()
    const trend = accord(dir, ['assessments', 'trend', '--partnership', 'northwind-contoso', '--json'])
    expect(trend.code, trend.stderr).toBe(0)
    const points = JSON.parse(trend.stdout) as Array<{ title: string; overall: number }>
    expect(points.map((p) => p.title)).toEqual(['Baseline assessment', 'Quarterly re-assessment'])
    expect(points.every((p) => p.overall > 0 && p.overall < 100)).toBe(true)
    expect(accord(dir, ['standards', 'seed', '--org', 'northwind'])).toMatchObject({ code: 0, stdout: expect.stringContaining('"added":0') })
    expect(accord(dir, ['standards', 'seed', '--org', 'contoso'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--org: no MSP organization "contoso"') })
  })

  it('names the bad argument on stderr and exits 1', () => {
    const dir = seededCopy()
    const cases: Array<[string[], RegExp, string?]> = [
      [['org', 'create', '--kind', 'MSX', '--slug', 'x1', '--name', 'X'], /--kind/],
      [['org', 'create', '--kind', 'MSP', '--name', 'X'], /--slug is required/],
      [['org', 'create', '--kind', 'MSP', '--slug', 'Bad Slug', '--name', 'X'], /--slug/],
      [['demo', 'seed'], /^$/],
      [['demo', 'seed', '--days', '0'], /--days/],
      [['org', 'create', '--kind', 'MSP', '--slug', 'northwind', '--name', 'Again'], /--slug: "northwind" is taken/],
      [['user', 'create', '--email', 'x@y.example', '--name', 'X', '--org', 'contoso', '--role', 'MSP_ADMIN'], /--role/, 'a-long-password'],
      [['user', 'create', '--email', 'x@y.example', '--name', 'X', '--org', 'contoso', '--role', 'CLIENT_IT'], /--password/, 'short'],
      [['partnership', 'create', '--msp', 'contoso', '--client', 'fabrikam', '--slug', 'nope'], /--msp/],
      [['token', 'create', '--email', 'nobody@x.example', '--name', 'n'], /--email/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['org', 'create', '--kind', 'MSP', '--slug', 'x2', '--name', 'X', '--colour', 'red'], /--colour/],
    ]
    for (const [args, pattern, stdin] of cases) {
      const result = accord(dir, args, stdin)
      if (args.join(' ') === 'demo seed') {
        expect(result.code).toBe(0)
        continue
      }
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(pattern)
      expect(result.stdout, args.join(' ')).toBe('')
    }
  })

  it('stops with a message naming the holder while another process has the embedded database open', async () => {
    const dir = seededCopy()
    const held = await openDatabase({ kind: 'pglite', dataDir: dir }, { holder: 'test holder' })
    try {
      const result = accord(dir, ['org', 'create', '--kind', 'MSP', '--slug', 'blocked', '--name', 'Blocked'])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`in use by process ${process.pid} (test holder`)
      expect(await held.prisma.organization.count()).toBe(4)
    } finally {
      await held.close()
    }
    expect(accord(dir, ['org', 'create', '--kind', 'MSP', '--slug', 'after', '--name', 'After']).code).toBe(0)
  })

  // Scans a month of the seeded tickets: slow on a loaded machine, hence its own time limit.
  it('notify scan mails each new breach once (the outbox here), and notify digest names a bad date', { timeout: 300_000 }, () => {
    const dir = seededCopy()
    const first = accord(dir, ['notify', 'scan', '--lookback-hours', '720'])
    expect(first.code).toBe(0)
    const summary = JSON.parse(first.stdout) as { partnerships: number; detected: number; alerted: number; messages: number }
    expect(summary.partnerships).toBe(3)
    expect(summary.detected).toBeGreaterThan(0)
    expect(summary.messages).toBeGreaterThanOrEqual(summary.alerted)
    // A rerun finds every breach already recorded and claimed.
    expect(JSON.parse(accord(dir, ['notify', 'scan', '--lookback-hours', '720']).stdout)).toMatchObject({ detected: 0, alerted: 0, messages: 0 })
    const digest = accord(dir, ['notify', 'digest', '--date', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)])
    expect(digest.code).toBe(0)
    expect(JSON.parse(digest.stdout)).toMatchObject({ partnerships: 3 })
    expect(accord(dir, ['notify', 'digest', '--date', '2026-13-01'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--date') })
    expect(accord(dir, ['notify', 'scan', '--now', 'yesterday'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--now') })
  })
})
