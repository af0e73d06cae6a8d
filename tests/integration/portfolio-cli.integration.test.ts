import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

// `accord portfolio` as an operator runs it, against its own embedded database with the demo tenants (a copy of the run's tenants folder): the JSON is
// portfolio.list's answer (same shape and rows), and a client organization is refused.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-portfolio-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const accord = (args: string[]) => runAccord(path.join(dir, 'db'), args)

describe('accord portfolio', { timeout: 300_000 }, () => {
  it('prints an MSP’s partnerships as JSON, and refuses a client organization', () => {
    copyCliFolder('tenants', path.join(dir, 'db'))
    const json = accord(['portfolio', '--msp', 'northwind', '--quarter', '2026-Q3', '--as-of', '2026-10-05T12:00:00Z', '--json'])
    expect(json.code).toBe(0)
    const portfolio = JSON.parse(json.stdout)
    expect(portfolio).toMatchObject({ msp: { slug: 'northwind' }, quarter: '2026-Q3', previousQuarter: '2026-Q2', total: 2 })
    expect(portfolio.rows.map((r: { slug: string; owner: { name: string } | null }) => [r.slug, r.owner?.name ?? null])).toEqual([
      ['northwind-contoso', 'Alex Rivera'],
      ['northwind-fabrikam', null],
    ])
    const client = accord(['portfolio', '--msp', 'contoso'])
    expect(client.code).not.toBe(0)
    expect(client.stderr).toContain('The portfolio is for MSP staff')
    expect(accord(['portfolio']).stderr).toContain('--msp is required')
  })
})
