// What the `accord` CLI writes, read back from its database folder after it exits (cli.integration.test.ts checks
// what it prints). The folder is the CLI's own, never the worker's test database, and is opened here only after
// the command has exited and released its lock.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '../../server/auth/password.server.ts'
import { type Database, openDatabase } from '../../server/db/client.server.ts'
import { lockPathFor } from '../../server/db/lock.server.ts'
import { hashToken } from '../../server/tokens/token-format.ts'
import { runAccord } from '../helpers/cli-entry.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })))

function freshDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-db-'))
  dirs.push(dir)
  return path.join(dir, 'db')
}

const accord = (dataDir: string, args: string[], stdin = '') => runAccord(dataDir, args, { stdin, trim: false })

/** Opens the CLI's folder in this process (without making it the process's database), runs `read`, closes it. */
async function readBack<T>(dataDir: string, read: (database: Database) => Promise<T>): Promise<T> {
  expect(fs.existsSync(lockPathFor(dataDir)), 'the CLI left its lock behind').toBe(false)
  const database = await openDatabase({ kind: 'pglite', dataDir }, { holder: 'cli-database test' })
  try {
    return await read(database)
  } finally {
    await database.close()
  }
}

async function snapshot(database: Database) {
  const p = database.prisma
  const [organizations, partnerships, users, memberships, tokens, audit] = await Promise.all([
    p.organization.count(),
    p.partnership.count(),
    p.user.count(),
    p.membership.count(),
    p.apiToken.count(),
    p.auditEvent.count(),
  ])
  return { organizations, partnerships, users, memberships, tokens, audit }
}

describe('accord CLI, read back from its database', { timeout: 120_000 }, () => {
  it('creates the organizations, partnership, user (password from stdin) and a token that identifies the user; refused commands write nothing', async () => {
    const dir = freshDir()
    for (const [args, stdin] of [
      [['org', 'create', '--kind', 'MSP', '--slug', 'harbor', '--name', 'Harbor IT']],
      [['org', 'create', '--kind', 'CLIENT', '--slug', 'lodz', '--name', 'Łódź Logistics']],
      [['partnership', 'create', '--msp', 'harbor', '--client', 'lodz', '--slug', 'harbor-lodz']],
      [['user', 'create', '--email', 'Ola@Lodz.example', '--name', 'Ola Nowak', '--org', 'lodz', '--role', 'CLIENT_EXECUTIVE'], 'a-long-password\n'],
    ] as Array<[string[], string?]>) {
      const result = accord(dir, args, stdin)
      expect({ code: result.code, stderr: result.stderr }, args.join(' ')).toEqual({ code: 0, stderr: '' })
    }
    const created = accord(dir, ['token', 'create', '--email', 'ola@lodz.example', '--name', 'export'])
    expect(created.code).toBe(0)
    // Only the token, on one line, so that `TOKEN=$(accord token create …)` works.
    expect(created.stdout).toMatch(/^acc_[A-Za-z0-9_-]{43}\n$/)
    const token = created.stdout.trim()

    const before = await readBack(dir, async (database) => {
      const p = database.prisma
      const orgs = await p.organization.findMany({ select: { slug: true, kind: true, name: true }, orderBy: { slug: 'asc' } })
      expect(orgs).toEqual([
        { slug: 'harbor', kind: 'MSP', name: 'Harbor IT' },
        { slug: 'lodz', kind: 'CLIENT', name: 'Łódź Logistics' },
      ])
      const partnership = await p.partnership.findUniqueOrThrow({ where: { slug: 'harbor-lodz' }, include: { mspOrg: true, clientOrg: true } })
      expect([partnership.mspOrg.slug, partnership.clientOrg.slug]).toEqual(['harbor', 'lodz'])

      const user = await p.user.findUniqueOrThrow({ where: { email: 'ola@lodz.example' }, include: { memberships: { include: { organization: true } } } })
      expect(user.name).toBe('Ola Nowak')
      expect(user.memberships.map((m) => [m.organization.slug, m.role])).toEqual([['lodz', 'CLIENT_EXECUTIVE']])
      // The trailing newline of `echo "$PASSWORD" |` is not part of the password.
      expect(await verifyPassword(user.passwordHash, 'a-long-password')).toBe(true)
      expect(await verifyPassword(user.passwordHash, 'a-long-password\n')).toBe(false)

      // The token is stored as its hash only, and that hash leads to Ola (what authenticateApiToken looks up).
      const row = await p.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })
      expect(row).toMatchObject({ userId: user.id, name: 'export', revokedAt: null, prefix: token.slice(0, 12) })
      const everything = JSON.stringify(await Promise.all([p.apiToken.findMany(), p.auditEvent.findMany(), p.user.findMany()]))
      expect(everything).not.toContain(token)
      expect(everything).not.toContain('a-long-password')

      const audit = await p.auditEvent.findMany({ select: { action: true, actorLabel: true }, orderBy: { createdAt: 'asc' } })
      expect(audit.map((e) => e.action).sort()).toEqual(['member.create', 'organization.create', 'organization.create', 'partnership.create', 'token.create'])
      expect(new Set(audit.map((e) => e.actorLabel))).toEqual(new Set(['cli']))
      return snapshot(database)
    })

    const refused: Array<[string[], string, RegExp]> = [
      [['user', 'create', '--email', 'ola@lodz.example', '--name', 'Again', '--org', 'lodz', '--role', 'CLIENT_IT'], 'another-long-password', /--email/],
      [['user', 'create', '--email', 'new@lodz.example', '--name', 'New', '--org', 'lodz', '--role', 'CLIENT_IT'], 'short', /--password/],
    ]
    for (const [args, stdin, names] of refused) {
      const result = accord(dir, args, stdin)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toMatch(names)
      expect(result.stdout, args.join(' ')).toBe('')
    }
    expect(await readBack(dir, snapshot)).toEqual(before)
  })
})
