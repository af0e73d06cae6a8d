import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pdfPages } from '../helpers/pdf-text.ts'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

// `accord pack` as an operator runs it, against its own embedded database with the demo data (a year of activity):
// a copy of the run's demo folder (tests/helpers/cli-folders.ts).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pack-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const accord = (args: string[]) => runAccord(path.join(dir, 'db'), args)

describe('accord pack', { timeout: 300_000 }, () => {
  it('writes one partnership’s pack, then every pack of an MSP with progress on stderr', async () => {
    copyCliFolder('demo', path.join(dir, 'db'))
    const out = path.join(dir, 'contoso.pdf')
    const one = accord(['pack', '--partnership', 'northwind-contoso', '--quarter', '2026-Q3', '--out', out, '--as-of', '2026-10-05T12:00:00Z'])
    expect(one).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote .*contoso\.pdf: northwind-contoso 2026-Q3 v1, \d+ pages, sha256 [0-9a-f]{64}$/) })
    const bytes = fs.readFileSync(out)
    expect(one.stdout.endsWith(createHash('sha256').update(bytes).digest('hex'))).toBe(true)
    expect((await pdfPages(bytes))[0]).toContain('Contoso Manufacturing')

    const outDir = path.join(dir, 'packs')
    const batch = accord(['pack', '--msp', 'northwind', '--quarter', '2026-Q3', '--out-dir', outDir, '--as-of', '2026-10-05T12:00:00Z'])
    expect(batch).toMatchObject({ code: 0, stdout: `Wrote 2 of 2 packs to ${outDir}.` })
    expect(batch.stderr).toMatch(/\[1\/2\] northwind-contoso: v2 in \d+ ms\n\[2\/2\] northwind-fabrikam: v1 in \d+ ms/)
    expect(fs.readdirSync(outDir).sort()).toEqual(['northwind-contoso-2026-Q3.pdf', 'northwind-fabrikam-2026-Q3.pdf'])
    // Same data, same as-of: the batch's contoso pack is the same bytes as the single one.
    expect(Buffer.compare(fs.readFileSync(path.join(outDir, 'northwind-contoso-2026-Q3.pdf')), bytes)).toBe(0)
  })

  it('names the missing or bad argument', () => {
    expect(accord(['pack', '--partnership', 'northwind-contoso', '--quarter', '2026-Q3'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--out is required') })
    expect(accord(['pack', '--partnership', 'northwind-contoso', '--quarter', '2026-Q9', '--out', path.join(dir, 'x.pdf')])).toMatchObject({ code: 1, stderr: expect.stringContaining('--quarter') })
    expect(accord(['pack', '--msp', 'nobody', '--quarter', '2026-Q3', '--out-dir', dir])).toMatchObject({ code: 1, stderr: expect.stringContaining('--msp: no MSP "nobody"') })
  })
})
