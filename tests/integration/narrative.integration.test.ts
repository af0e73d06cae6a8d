// The pack's narrative (ADR 029): an executive summary and a note per section, co-edited by both parties under
// ADR 004 (a stale save of the same text is a 409 that writes nothing; one of another text is merged), readable by
// every party, writable by the account manager's side and the client's deciders and IT, invisible to other tenants,
// and frozen with each pack version: the PDF and the deck carry it, and later edits leave a frozen version alone.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import type { NarrativeDto } from '../../server/narrative/narrative.schemas.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import type { PackSnapshot } from '../../server/pack/snapshot.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { type TrpcResult, page, signIn, trpc } from '../helpers/http.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'
import { readPptx } from '../helpers/pptx.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const slug = 'northwind-contoso'
const quarter = '2026-Q3'
const as: Record<string, { token: string }> = {}

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'ava@northwind.example', 'sam@northwind.example', 'tara@tailspin.example', 'casey@contoso.example', 'chris@contoso.example', 'fiona@fabrikam.example']) {
    as[email.split('@')[0]] = { token: await tokenFor(email) }
  }
})

function ok<T>(result: TrpcResult): T {
  if (result.status !== 200) throw new Error(`expected 200, got ${result.status}: ${JSON.stringify(result.body.error)}`)
  return result.body.result!.data as T
}
type Saved = { narrative: NarrativeDto; merged: boolean }
const save = (who: string, baseVersion: number, changes: Record<string, unknown>, target = slug) => trpc(server.url, as[who], 'mutation', 'narrative.save', { slug: target, quarter, baseVersion, changes })
const get = (who: string, target = slug) => trpc(server.url, as[who], 'query', 'narrative.get', { slug: target, quarter })
const stored = async () => (await db()).packNarrative.findMany()

describe('co-editing the narrative', () => {
  it('versions each save with who and when, merges a stale save of another text, and refuses one of the same text with 409, writing nothing', async () => {
    const v1 = ok<Saved>(await save('alex', 0, { summary: 'A steady quarter: response SLAs met.' }))
    expect(v1.narrative).toMatchObject({ version: 1, summary: 'A steady quarter: response SLAs met.', notes: {}, updatedBy: 'Alex Rivera <alex@northwind.example>' })
    // The client's side edits a note on the version it opened.
    const v2 = ok<Saved>(await save('casey', 1, { notes: { sla: 'We saw two P1 outages in August.' } }))
    expect(v2).toMatchObject({ merged: false, narrative: { version: 2, notes: { sla: 'We saw two P1 outages in August.' }, updatedBy: 'Casey Morgan <casey@contoso.example>' } })

    // Alex, still on version 1, writes the same note: 409 with both texts, and nothing changes.
    const before = await stored()
    const stale = await save('alex', 1, { notes: { sla: 'P1 outages were caused by the ISP.' } })
    expect(stale.status).toBe(409)
    expect(stale.body.error?.data.code).toBe('CONFLICT')
    expect(stale.body.error?.message).toContain('Note on “SLA performance”')
    const details = (stale.body.error?.data as unknown as { details: { currentVersion: number; conflicts: Array<{ field: string; theirs: string; yours: string; by: string }> } }).details
    expect(details.currentVersion).toBe(2)
    expect(details.conflicts).toEqual([expect.objectContaining({ field: 'note.sla', theirs: 'We saw two P1 outages in August.', yours: 'P1 outages were caused by the ISP.', by: 'Casey Morgan <casey@contoso.example>' })])
    expect(await stored()).toEqual(before)

    // Still on version 1 but changing the summary only, which nobody else touched: merged onto version 2.
    const v3 = ok<Saved>(await save('alex', 1, { summary: 'A steady quarter, with two P1 outages.' }))
    expect(v3).toMatchObject({ merged: true, narrative: { version: 3, summary: 'A steady quarter, with two P1 outages.', notes: { sla: 'We saw two P1 outages in August.' } } })
    // An empty note removes it.
    const v4 = ok<Saved>(await save('chris', 3, { notes: { sla: '' , roadmap: 'Budget for the firewall refresh is agreed.' } }))
    expect(v4.narrative.notes).toEqual({ roadmap: 'Budget for the firewall refresh is agreed.' })

    const read = ok<NarrativeDto>(await get('sam'))
    expect(read.history.map((h) => `v${h.version} ${h.by.split(' <')[0]}: ${h.changed.join(', ')}`)).toEqual([
      'v4 Chris Patel: Note on “Roadmap and budget”, Note on “SLA performance”',
      'v3 Alex Rivera: Executive summary',
      'v2 Casey Morgan: Note on “SLA performance”',
      'v1 Alex Rivera: Executive summary',
    ])
    expect(read.history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true)
  })

  it('two first saves of the summary: the second is a 409, not a second narrative', async () => {
    ok<Saved>(await save('alex', 0, { summary: 'Ours.' }))
    const second = await save('casey', 0, { summary: 'Theirs.' })
    expect(second.body.error?.data.code).toBe('CONFLICT')
    expect((await stored()).map((n) => n.summary)).toEqual(['Ours.'])
  })

  it('validates each text by field: length, plain text, known sections; 400 and nothing written', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ summary: 'x'.repeat(4001) }, 'changes.summary'],
      [{ notes: { sla: 'y'.repeat(1001) } }, 'changes.notes.sla'],
      [{ summary: 'bell \u0007' }, 'changes.summary'],
      [{ notes: { nonsense: 'z' } }, 'changes.notes'],
      [{ notes: { summary: 'the summary is not a note' } }, 'changes.notes'],
      [{}, 'changes'],
    ]
    for (const [changes, field] of cases) {
      const r = await save('alex', 0, changes)
      expect(r.status, JSON.stringify(changes).slice(0, 60)).toBe(400)
      expect(r.body.error?.data.fieldErrors.map((f) => f.field)).toContain(field)
    }
    expect((await save('alex', 5, { summary: 'ahead' })).body.error?.data.fieldErrors.map((f) => f.field)).toEqual(['baseVersion'])
    // 4,000 characters exactly, with line breaks normalised, is fine.
    const long = ok<Saved>(await save('alex', 0, { summary: `${'a'.repeat(3000)}\r\n${'b'.repeat(999)}` }))
    expect(long.narrative.summary).toBe(`${'a'.repeat(3000)}\n${'b'.repeat(999)}`)
    expect(await stored()).toHaveLength(1)
  })
})

describe('who may read and write the narrative', () => {
  it('the account manager, MSP admin, client executive and client IT write; the engineer and a viewer read only; other tenants see nothing', async () => {
    const prisma = await db()
    const viewer = await prisma.user.create({ data: { email: 'vera@contoso.example', name: 'Vera Viewer' } })
    await prisma.membership.create({ data: { organizationId: (await prisma.organization.findUniqueOrThrow({ where: { slug: 'contoso' } })).id, userId: viewer.id, role: 'VIEWER' } })
    as.vera = { token: await tokenFor('vera@contoso.example') }

    let version = 0
    for (const who of ['alex', 'ava', 'casey', 'chris']) version = ok<Saved>(await save(who, version, { summary: `Written by ${who}` })).narrative.version
    expect(version).toBe(4)
    for (const who of ['sam', 'vera']) {
      expect((await save(who, version, { summary: 'not allowed' })).body.error?.data.code).toBe('FORBIDDEN')
      expect(ok<NarrativeDto>(await get(who)).summary).toBe('Written by chris')
    }
    // Tara (another MSP) and Fiona (another client) are no party to northwind-contoso: not found, never forbidden.
    for (const who of ['tara', 'fiona']) {
      expect((await get(who)).body.error?.data.code).toBe('NOT_FOUND')
      expect((await save(who, version, { summary: 'leak' })).body.error?.data.code).toBe('NOT_FOUND')
    }
    // Tara's own partnership with Contoso has no narrative: nothing of northwind-contoso's shows through.
    expect(ok<NarrativeDto>(await get('tara', 'tailspin-contoso'))).toMatchObject({ version: 0, summary: '', history: [] })
    expect((await stored()).map((n) => [n.summary, n.version])).toEqual([['Written by chris', 4]])
  })
})

describe('frozen with the pack', () => {
  it('a pack version carries the narrative of its instant in its snapshot, PDF and deck; later edits leave it as it was', { timeout: 120_000 }, async () => {
    const prisma = await db()
    const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
    await seedPackData(p.id, { perDay: 1 })
    const summary = 'Contoso’s quarter in one line: every P1 answered within target.\nThe backlog halved after the July migration.'
    ok<Saved>(await save('alex', 0, { summary, notes: { sla: 'Two resolution breaches were vendor waits.', roadmap: 'The firewall refresh moves to Q1.' } }))
    const scope = await unsafeOperatorScope(slug)
    const actor = { userId: null, label: 'test' }
    const v1 = await generatePack(scope, actor, { slug, quarter, asOf: '2026-10-05T12:00:00Z' })

    const frozen = async (version: number) => prisma.packVersion.findUniqueOrThrow({ where: { partnershipId_quarter_version: { partnershipId: p.id, quarter, version } } })
    const row = await frozen(v1.version)
    const snapshot = row.snapshot as unknown as PackSnapshot
    expect(snapshot.narrative).toMatchObject({ version: 1, summary, notes: { sla: 'Two resolution breaches were vendor waits.', roadmap: 'The firewall refresh moves to Q1.' }, updatedBy: 'Alex Rivera <alex@northwind.example>' })

    // The PDF: the summary on the page after the cover, under "Executive summary", then each note atop its section.
    const pages = await pdfPages(row.pdf)
    expect(pages[1]).toContain('Executive summary')
    expect(pages[1]).toContain('Contoso’s quarter in one line: every P1 answered within target.')
    expect(pages[1]).toContain('The backlog halved after the July migration.')
    expect(pages[1]).toContain('Narrative v1, last edited by Alex Rivera')
    const slaPage = pages.find((t) => t.includes('SLA performance') && t.includes('Two resolution breaches were vendor waits.'))
    expect(slaPage).toBeDefined()
    expect(slaPage!.indexOf('Two resolution breaches')).toBeLessThan(slaPage!.indexOf('Response'))
    expect(pages.some((t) => t.includes('Roadmap and budget') && t.includes('The firewall refresh moves to Q1.'))).toBe(true)

    // The deck: a slide with the summary before the KPI tiles, and the notes in the speaker notes of their sections.
    const deck = await fetch(`${server.url}/p/${slug}/packs/${quarter}/v1.pptx`, { headers: { Authorization: `Bearer ${as.casey.token}` } })
    expect(deck.status).toBe(200)
    const slides = await readPptx(new Uint8Array(await deck.arrayBuffer()))
    const at = slides.findIndex((s) => s.texts.join('\n').includes('every P1 answered within target'))
    expect(at).toBe(1)
    expect(slides[at].texts.join(' ')).toContain('Narrative v1, last edited by Alex Rivera')
    expect(slides[at + 1].texts[0]).toBe('Executive summary')
    expect(slides.filter((s) => s.notes.startsWith('Note: Two resolution breaches were vendor waits.')).length).toBeGreaterThan(0)
    expect(slides.every((s) => s.notes.includes(row.sha256))).toBe(true)

    // Edit after freezing: the frozen version reads as it was, to the byte.
    ok<Saved>(await save('casey', 1, { summary: 'Rewritten after the meeting.' }))
    const again = await frozen(v1.version)
    expect((again.snapshot as unknown as PackSnapshot).narrative?.summary).toBe(summary)
    expect(createHash('sha256').update(again.pdf).digest('hex')).toBe(row.sha256)
    expect(again.sha256).toBe(row.sha256)
    expect((await pdfPages(again.pdf))[1]).toContain('every P1 answered within target')

    // The next version takes the new text, and the narrative says which pack froze which of its versions.
    const v2 = await generatePack(scope, actor, { slug, quarter, asOf: '2026-10-05T12:00:00Z' })
    const next = await frozen(v2.version)
    expect((next.snapshot as unknown as PackSnapshot).narrative).toMatchObject({ version: 2, summary: 'Rewritten after the meeting.' })
    expect((await pdfPages(next.pdf))[1]).toContain('Rewritten after the meeting.')
    // The presentation view of each version shows the narrative that version froze.
    const present = async (version: number) => (await (await page(server.url, await signIn(server.url, 'casey@contoso.example'), `/p/${slug}/packs/present/${quarter}?version=${version}`)).text()).replaceAll('<!-- -->', '')
    expect(await present(1)).toContain('The backlog halved after the July migration.')
    expect(await present(1)).toContain('Two resolution breaches were vendor waits.')
    expect(await present(2)).toContain('Rewritten after the meeting.')
    expect(ok<NarrativeDto>(await get('chris')).frozenIn).toEqual([
      { version: 2, narrativeVersion: 2 },
      { version: 1, narrativeVersion: 1 },
    ])
  })
})

describe('the narrative page', () => {
  const path = `/p/${slug}/qbrs/${quarter}/narrative`
  const post = (cookie: string, fields: Record<string, string>) =>
    fetch(`${server.url}${path}?_data=${encodeURIComponent('routes/p.$slug.qbrs.$quarter_.narrative')}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: cookie },
      body: new URLSearchParams({ intent: 'update', ...fields }),
    })
  const html = async (cookie: string) => (await (await page(server.url, { cookie }, path)).text()).replaceAll('<!-- -->', '')

  it('edits the summary and notes, shows the version and last editor, and explains a 409 without saving', { timeout: 60_000 }, async () => {
    const alex = (await signIn(server.url, 'alex@northwind.example')).cookie
    const casey = (await signIn(server.url, 'casey@contoso.example')).cookie
    const sam = (await signIn(server.url, 'sam@northwind.example')).cookie
    const first = await html(alex)
    expect(first).toContain('Pack narrative for 2026-Q3')
    expect(first).toContain('Nothing written yet.')
    expect(first).toContain('name="note.sla"')

    const saved = await post(alex, { baseVersion: '0', summary: 'A calm quarter.', 'orig:summary': '' })
    expect(saved.status).toBe(200)
    expect((await saved.json()).message).toBe('Saved (version 1).')
    expect((await post(casey, { baseVersion: '1', 'note.sla': 'Two P1s in August.', 'orig:note.sla': '' })).status).toBe(200)

    // Alex's form was opened on version 1: the same note is refused with both texts, and nothing is saved.
    const stale = await post(alex, { baseVersion: '1', 'note.sla': 'ISP outages.', 'orig:note.sla': '' })
    expect(stale.status).toBe(409)
    const body = (await stale.json()) as { message: string; conflict: { currentVersion: number; conflicts: Array<{ field: string; theirs: string; yours: string }> } }
    expect(body.message).toContain('Changed by Casey Morgan <casey@contoso.example> since you opened it: Note on “SLA performance”')
    expect(body.conflict).toMatchObject({ currentVersion: 2, conflicts: [{ field: 'note.sla', theirs: 'Two P1s in August.', yours: 'ISP outages.' }] })
    const tooLong = await post(alex, { baseVersion: '2', summary: 'x'.repeat(4001), 'orig:summary': 'A calm quarter.' })
    expect(tooLong.status).toBe(400)
    expect((await tooLong.json()).fieldErrors).toEqual([{ field: 'summary', message: 'At most 4,000 characters' }])

    const after = await html(alex)
    expect(after).toContain('Version 2, last edited by Casey Morgan on')
    expect(after).toContain('Two P1s in August.')
    expect(after).toMatch(/v2 · [^<]+ · Casey Morgan &lt;casey@contoso.example&gt;<\/span> Note on “SLA performance”/)
    expect(after).not.toMatch(/<textarea[^>]*readonly/i)
    // The engineer reads it, in a form that cannot be saved.
    const read = await html(sam)
    expect(read).toContain('A calm quarter.')
    expect(read).toMatch(/<textarea[^>]*readonly/i)
    expect(read).not.toContain('>Save</button>')
  })
})
