import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/client.server.ts'

// The real `accord` command as an operator runs it, each run against its own embedded database folder.
const dirs: string[] = []
function freshDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-'))
  dirs.push(dir)
  return path.join(dir, 'db')
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function accord(dataDir: string, args: string[], stdin = '') {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/index.ts', ...args], {
    env: { ...process.env, DATABASE_URL: `file:${dataDir}`, NODE_ENV: 'test' },
    input: stdin,
    encoding: 'utf8',
  })
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() }
}

describe('accord CLI', { timeout: 120_000 }, () => {
  it('migrates, seeds idempotently, creates tenants, users and a token that prints alone', () => {
    const dir = freshDir()
    expect(accord(dir, ['db', 'migrate'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration/) })
    expect(accord(dir, ['db', 'migrate'])).toMatchObject({ code: 0, stdout: 'The database is up to date.' })
    expect(accord(dir, ['demo', 'seed']).stdout).toContain('created 4 organizations, 3 partnerships, 7 users')
    expect(accord(dir, ['demo', 'seed']).stdout).toContain('created 0 organizations, 0 partnerships, 0 users')
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

  it('names the bad argument on stderr and exits 1', () => {
    const dir = freshDir()
    const cases: Array<[string[], RegExp, string?]> = [
      [['org', 'create', '--kind', 'MSX', '--slug', 'x1', '--name', 'X'], /--kind/],
      [['org', 'create', '--kind', 'MSP', '--name', 'X'], /--slug is required/],
      [['org', 'create', '--kind', 'MSP', '--slug', 'Bad Slug', '--name', 'X'], /--slug/],
      [['demo', 'seed'], /^$/],
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
      if (args[0] === 'demo') {
        expect(result.code).toBe(0)
        continue
      }
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(pattern)
      expect(result.stdout, args.join(' ')).toBe('')
    }
  })

  it('stops with a message naming the holder while another process has the embedded database open', async () => {
    const dir = freshDir()
    expect(accord(dir, ['demo', 'seed']).code).toBe(0)
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

  // Seeds a year of tickets, then scans a month of them: slow on a loaded machine, hence its own time limit.
  it('notify scan mails each new breach once (the outbox here), and notify digest names a bad date', { timeout: 300_000 }, () => {
    const dir = freshDir()
    expect(accord(dir, ['demo', 'seed']).code).toBe(0)
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
