// After the QBR both parties acknowledge what was presented (ADR 027): the client's executive and the MSP's account
// manager each acknowledge a frozen pack version by its SHA-256 (a version other than the latest says so) and the
// minutes by theirs (stale minutes are a 409); the packs page shows who and when. The same version downloads as a
// PPTX deck that opens, with its slides and figures, and the version's hash in the notes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, page, signIn, trpc } from '../helpers/http.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { readPptx } from '../helpers/pptx.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const slug = 'northwind-contoso'
const as: Record<string, { token: string }> = {}

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'ava@northwind.example', 'casey@contoso.example', 'chris@contoso.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
type Ack = { subject: string; version: number | null; party: string; by: string; role: string; wasLatest: boolean; sha256: string }
type Answer = { acknowledgement: Ack; already: boolean; notice: string | null }
type List = { packs: Ack[]; minutes: { sha256: string; text: string; acknowledgements: Ack[] } | null }

async function twoVersions() {
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug } })
  await seedPackData(p.id, { perDay: 1 })
  const scope = await unsafeOperatorScope(slug)
  const actor = { userId: null, label: 'test' }
  const v1 = await generatePack(scope, actor, { slug, quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' })
  const v2 = await generatePack(scope, actor, { slug, quarter: '2026-Q3', asOf: '2026-10-06T12:00:00Z' })
  return { p, v1, v2 }
}

describe('acknowledging a pack and the minutes', () => {
  it('records each party once per version by its hash, says when it is not the latest, and shows it on the packs page', { timeout: 90_000 }, async () => {
    const { v1, v2 } = await twoVersions()
    const ack = (who: string, input: Record<string, unknown>) => trpc(server.url, as[who], 'mutation', 'acknowledgement.pack', { slug, quarter: '2026-Q3', ...input })

    const client = ok<Answer>(await ack('casey', { version: 1, sha256: v1.sha256.toUpperCase() }))
    expect(client).toMatchObject({ already: false, notice: 'Version 1 is not the latest of 2026-Q3: version 2 was generated after it.', acknowledgement: { party: 'CLIENT', role: 'CLIENT_EXECUTIVE', wasLatest: false, by: 'Casey Morgan <casey@contoso.example>' } })
    expect(ok<Answer>(await ack('casey', { version: 1, sha256: v1.sha256 }))).toMatchObject({ already: true })
    const msp = ok<Answer>(await ack('alex', { version: 2, sha256: v2.sha256 }))
    expect(msp).toMatchObject({ already: false, notice: null, acknowledgement: { party: 'MSP', role: 'ACCOUNT_MANAGER', wasLatest: true } })

    // Another version's hash, a role that does not answer for the partnership, a malformed hash: refused, nothing written.
    const wrong = await ack('alex', { version: 1, sha256: v2.sha256 })
    expect(wrong.body.error?.data.code).toBe('CONFLICT')
    expect(wrong.body.error?.message).toContain(v1.sha256)
    expect((await ack('chris', { version: 2, sha256: v2.sha256 })).body.error?.data.code).toBe('FORBIDDEN')
    expect((await ack('ava', { version: 2, sha256: v2.sha256 })).body.error?.data.code).toBe('FORBIDDEN')
    const bad = await ack('casey', { version: 2, sha256: 'nope' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body.error)).toContain('sha256')
    expect(await (await db()).acknowledgement.count()).toBe(2)

    const list = ok<List>(await trpc(server.url, as.chris, 'query', 'acknowledgement.list', { slug, quarter: '2026-Q3' }))
    expect(list.packs.map((a) => `${a.version} ${a.party} ${a.wasLatest}`)).toEqual(['1 CLIENT false', '2 MSP true'])
    expect(list.minutes).toBeNull()
    const html = (await (await page(server.url, await signIn(server.url, 'chris@contoso.example'), `/p/${slug}/packs`)).text()).replaceAll('<!-- -->', '')
    expect(html).toContain('Acknowledged by Casey Morgan (Client executive)')
    expect(html).toContain('not the latest version when acknowledged')
    expect(html).toContain('Acknowledged by Alex Rivera (Account manager)')
  })

  it('acknowledges the minutes as read: stale minutes are a conflict, and an earlier text is marked as such', async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
    const qbr = await prisma.qbr.create({ data: { partnershipId: p.id, quarter: '2026-Q3', title: 'Q3 review', icsUid: 'ack-test@test' } })
    const item = await prisma.qbrAgendaItem.create({ data: { partnershipId: p.id, qbrId: qbr.id, title: 'SLA', minutes: 'P2 slipped in August.' } })
    await prisma.qbr.update({ where: { id: qbr.id }, data: { agendaOrder: [item.id] } })
    const list = async () => ok<List>(await trpc(server.url, as.casey, 'query', 'acknowledgement.list', { slug, quarter: '2026-Q3' }))
    const first = (await list()).minutes!
    expect(first.text).toContain('1. SLA\nP2 slipped in August.')
    expect(ok<Answer>(await trpc(server.url, as.casey, 'mutation', 'acknowledgement.minutes', { slug, quarter: '2026-Q3', sha256: first.sha256 }))).toMatchObject({ already: false, acknowledgement: { subject: 'QBR_MINUTES', party: 'CLIENT' } })

    // Someone edits the minutes before the account manager acknowledges what they read earlier.
    await prisma.qbrAgendaItem.update({ where: { id: item.id }, data: { minutes: 'P2 slipped in August; recovered in September.' } })
    const stale = await trpc(server.url, as.alex, 'mutation', 'acknowledgement.minutes', { slug, quarter: '2026-Q3', sha256: first.sha256 })
    expect(stale.body.error?.data.code).toBe('CONFLICT')
    const now = (await list()).minutes!
    expect(now.sha256).not.toBe(first.sha256)
    ok(await trpc(server.url, as.alex, 'mutation', 'acknowledgement.minutes', { slug, quarter: '2026-Q3', sha256: now.sha256 }))
    expect(now.acknowledgements.map((a) => `${a.party} ${a.wasLatest}`)).toEqual(['CLIENT false'])
    expect((await list()).minutes!.acknowledgements.map((a) => `${a.party} ${a.wasLatest}`)).toEqual(['CLIENT false', 'MSP true'])
    const stored = await prisma.acknowledgement.findFirstOrThrow({ where: { party: 'CLIENT' } })
    expect(stored.minutesText).toContain('P2 slipped in August.')
    expect(stored.minutesText).not.toContain('recovered')
  })

  it('downloads a version as a PPTX deck that opens, its figures from the frozen snapshot and its hash in the notes', { timeout: 90_000 }, async () => {
    const { v2 } = await twoVersions()
    const res = await page(server.url, await signIn(server.url, 'casey@contoso.example'), `/p/${slug}/packs/2026-Q3/v2.pptx`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.presentationml.presentation')
    expect(res.headers.get('content-disposition')).toContain(`qbr-${slug}-2026-Q3-v2.pptx`)
    const slides = await readPptx(new Uint8Array(await res.arrayBuffer()))
    const snapshot = (await (await db()).packVersion.findFirstOrThrow({ where: { quarter: '2026-Q3', version: 2 } })).snapshot as { kpis: { tickets: { current: number } }; tickets: { weekly: Array<{ byPriority: { P3: number } }> } }
    expect(slides.length).toBeGreaterThanOrEqual(14)
    expect(slides.every((s) => s.notes.includes(v2.sha256))).toBe(true)
    expect(slides[0].texts).toContain('Contoso Manufacturing')
    const summary = slides.find((s) => s.texts[0] === 'Executive summary')!
    expect(summary.texts).toContain(snapshot.kpis.tickets.current.toLocaleString('en-GB'))
    expect(slides.find((s) => s.texts[0] === 'Ticket trends')!.charts[0].series[2].values).toEqual(snapshot.tickets.weekly.map((w) => w.byPriority.P3))
    expect((await page(server.url, await signIn(server.url, 'casey@contoso.example'), `/p/${slug}/packs/2026-Q3/v9.pptx`)).status).toBe(404)
  })
})
