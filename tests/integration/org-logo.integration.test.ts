// An MSP admin uploads the logo (PNG or SVG, validated and rasterised), the app header shows it, and the next pack
// freezes it in its snapshot and draws it; other roles and other organizations cannot set it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import type { PackSnapshot } from '../../server/pack/snapshot.ts'
import { HOSTILE_SVG } from '../fixtures/logo.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, page, signIn, trpc } from '../helpers/http.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const as: Record<string, { token: string }> = {}
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['ava@northwind.example', 'alex@northwind.example', 'casey@contoso.example', 'tara@tailspin.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

const svg = Buffer.from(HOSTILE_SVG).toString('base64')
const set = (who: string, org: string, fileBase64: string) => trpc(server.url, as[who], 'mutation', 'branding.setLogo', { org, fileBase64 })
const code = (r: TrpcResult) => r.body.error?.data.code

describe('the MSP logo', () => {
  it('is set by an MSP admin only, validated, shown in the header and frozen with the next pack', { timeout: 90_000 }, async () => {
    expect(code(await set('alex', 'northwind', svg))).toBe('FORBIDDEN')
    expect(code(await set('casey', 'contoso', svg))).toBe('FORBIDDEN')
    expect(code(await set('ava', 'tailspin', svg))).toBe('NOT_FOUND')
    const gif = await set('ava', 'northwind', Buffer.from('GIF89a-not-a-logo').toString('base64'))
    expect(gif.status).toBe(400)
    expect(gif.body.error?.message).toBe('file: Not a PNG or SVG image')
    expect((await (await db()).organization.findUniqueOrThrow({ where: { slug: 'northwind' } })).logoPng).toBeNull()

    const saved = await set('ava', 'northwind', svg)
    expect(saved.status).toBe(200)
    const { width, height, logoUrl } = saved.body.result!.data as { width: number; height: number; logoUrl: string }
    expect([width, height]).toEqual([960, 256])
    expect(logoUrl.startsWith('data:image/png;base64,')).toBe(true)

    const header = await (await page(server.url, await signIn(server.url, 'casey@contoso.example'), '/p/northwind-contoso')).text()
    expect(header).toContain(`src="${logoUrl}"`)
    expect(header).not.toContain('alert(')

    const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug: 'northwind-contoso' } })
    await seedPackData(p.id, { perDay: 1 })
    await generatePack(await unsafeOperatorScope('northwind-contoso'), { userId: null, label: 'test' }, { slug: 'northwind-contoso', quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' })
    const version = await (await db()).packVersion.findFirstOrThrow({ where: { partnershipId: p.id } })
    expect((version.snapshot as unknown as PackSnapshot).msp.logo).toMatchObject({ width: 960, height: 256 })
    expect(Buffer.from(version.pdf).toString('latin1')).toContain('/Subtype /Image')

    // Removing it leaves the frozen version as it was.
    expect((await trpc(server.url, as.ava, 'mutation', 'branding.removeLogo', { org: 'northwind' })).status).toBe(200)
    expect((await (await db()).packVersion.findFirstOrThrow({ where: { id: version.id } })).sha256).toBe(version.sha256)
    const branding = await page(server.url, await signIn(server.url, 'ava@northwind.example'), '/org/northwind/branding')
    expect(await branding.text()).toContain('No logo yet.')
  })
})
