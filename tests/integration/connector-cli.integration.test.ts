import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CW_CREDENTIALS, CW_SITE } from '../mocks/index.ts'
import { runAccord } from '../helpers/cli-entry.ts'
import { copyCliFolder } from '../helpers/cli-folders.ts'

// `accord connector …` and `accord sync` as an operator runs them, against the mock PSAs (MOCKS=true starts the
// same msw handlers inside the CLI process), on one embedded database folder for the file: a copy of the run's demo
// tenants folder (tests/helpers/cli-folders.ts). The mocked ConnectWise holds 400 tickets in pages of at most 100
// (MOCKS_DEMO_TICKETS, MOCKS_PAGE_SIZE) rather than the demo's 4,000 in pages of 1,000: every ticket costs a
// status-history call, and four pages still show the paging.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-cli-psa-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const accord = (args: string[], env: Record<string, string> = {}) => runAccord(path.join(dir, 'db'), args, { env: { MOCKS: 'true', MOCKS_DEMO_TICKETS: '400', MOCKS_PAGE_SIZE: '100', ...env } })

describe('accord connector and sync', { timeout: 300_000 }, () => {
  it('adds a connection with credentials from the environment, tests it, syncs, and prints the summary as JSON', () => {
    copyCliFolder('tenants', path.join(dir, 'db'))
    const missing = accord(['connector', 'add', '--partnership', 'northwind-contoso', '--kind', 'connectwise'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('accord: connectwise needs --company-id (or PSA_COMPANY_ID), --public-key (or PSA_PUBLIC_KEY), --private-key (or PSA_PRIVATE_KEY), --client-id (or PSA_CLIENT_ID)')

    const added = accord(['connector', 'add', '--partnership', 'northwind-contoso', '--kind', 'connectwise', '--base-url', CW_SITE, '--companies', '250', '--company-id', CW_CREDENTIALS.companyId], {
      PSA_PUBLIC_KEY: CW_CREDENTIALS.publicKey,
      PSA_PRIVATE_KEY: CW_CREDENTIALS.privateKey,
      PSA_CLIENT_ID: CW_CREDENTIALS.clientId,
    })
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Connected northwind-contoso to connectwise') })
    expect(added.stdout).not.toContain(CW_CREDENTIALS.privateKey)
    expect(accord(['connector', 'test', '--partnership', 'northwind-contoso'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Connected to ConnectWise') })

    const first = accord(['sync', '--partnership', 'northwind-contoso'])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'succeeded', pages: 4, fetched: 400, inserted: 400, updated: 0, skipped: 0, histories: 400, skippedReasons: [], cursor: { id: '100399' } })
    const again = JSON.parse(accord(['sync', '--partnership', 'northwind-contoso']).stdout)
    expect(again).toMatchObject({ status: 'succeeded', inserted: 0, updated: 0 })
    const full = JSON.parse(accord(['sync', '--partnership', 'northwind-contoso', '--full']).stdout)
    expect(full).toMatchObject({ status: 'succeeded', fetched: 400, inserted: 0, updated: 0, unchanged: 400 })
  })

  it('exits 1 with the summary when the PSA refuses the credentials', () => {
    accord(['connector', 'add', '--partnership', 'northwind-fabrikam', '--kind', 'connectwise', '--base-url', CW_SITE, '--company-id', CW_CREDENTIALS.companyId, '--public-key', 'x', '--private-key', 'y', '--client-id', 'z'])
    const failed = accord(['sync', '--partnership', 'northwind-fabrikam'])
    expect(failed.code).toBe(1)
    expect(JSON.parse(failed.stderr)).toMatchObject({ status: 'failed', error: { code: 'AUTH' } })
    expect(accord(['sync'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--partnership is required') })
  })
})
