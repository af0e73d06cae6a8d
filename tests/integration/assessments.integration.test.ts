// Standards and assessments (ADR 025): the library per MSP with versions and retirement, the assessment's states
// and who may move them, what the client sees, the score, the one-step roadmap item linked both ways with its
// re-check, and the pack's alignment part as of its instant.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { buildPackSnapshot } from '../../server/pack/build-pack-snapshot.server.ts'
import { STARTER_STANDARDS } from '../../server/standards/starter-library.ts'
import { seedDemo, tokenFor } from '../helpers/factories.ts'
import { trpc } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

let server: TestServer
const as: Record<string, { token: string }> = {}
const slug = 'northwind-contoso'

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(() => server.close())
beforeEach(async () => {
  await seedDemo()
  for (const email of ['alex@northwind.example', 'casey@contoso.example', 'sam@northwind.example', 'tara@tailspin.example']) as[email.split('@')[0]] = { token: await tokenFor(email) }
})

const data = <T>(r: { body: { result?: { data: unknown } } }) => r.body.result?.data as T
type Standard = { id: string; version: number; question: string; category: string; severity: string; retiredAt: string | null }
type Answer = { id: string; version: number; alignment: string | null; question: string; severity: string; link: { kind: string; id: string; done: boolean } | null; recheck: boolean }
type Assessment = { id: string; version: number; status: string; score: { overall: number | null }; answers: Answer[] }

async function answerAll(a: Assessment, pick: (x: Answer, i: number) => string) {
  for (const [i, x] of a.answers.entries()) {
    const r = await trpc(server.url, as.sam, 'mutation', 'assessments.answer', { slug, answerId: x.id, baseVersion: x.version, alignment: pick(x, i), evidence: `checked ${i}` })
    expect(r.status, r.body.error?.message).toBe(200)
  }
  return data<Assessment>(await trpc(server.url, as.sam, 'query', 'assessments.get', { slug, id: a.id }))
}

describe('the standards library', () => {
  it('is seeded for each MSP, read by its engineers, curated by its account manager with versions', async () => {
    const list = data<Standard[]>(await trpc(server.url, as.sam, 'query', 'standards.list', { org: 'northwind' }))
    expect(list).toHaveLength(STARTER_STANDARDS.length)
    expect(STARTER_STANDARDS.length).toBeGreaterThanOrEqual(40)
    expect(new Set(list.map((s) => s.category))).toEqual(new Set(['Identity', 'Endpoint', 'Backup', 'Network', 'Security awareness', 'Licensing', 'Lifecycle']))

    const byEngineer = await trpc(server.url, as.sam, 'mutation', 'standards.create', { org: 'northwind', category: 'Identity', question: 'Is there a break-glass account?' })
    expect(byEngineer.body.error?.data.code).toBe('FORBIDDEN')
    const bad = await trpc(server.url, as.alex, 'mutation', 'standards.create', { org: 'northwind', category: '', question: 'x', severity: 'HUGE' })
    expect(bad.status).toBe(400)
    expect(bad.body.error?.data.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual(['category', 'question', 'severity'])

    const s = list[0]
    const edited = data<Standard>(await trpc(server.url, as.alex, 'mutation', 'standards.update', { org: 'northwind', id: s.id, baseVersion: 1, changes: { question: 'Does everyone use a second factor everywhere?' } }))
    expect(edited.version).toBe(2)
    const stale = await trpc(server.url, as.alex, 'mutation', 'standards.update', { org: 'northwind', id: s.id, baseVersion: 1, changes: { severity: 'LOW' } })
    expect(stale.status).toBe(409)
    expect((await (await db()).standard.findUniqueOrThrow({ where: { id: s.id } })).severity).toBe(edited.severity)

    // Another MSP's standard is not found; a client organization has no library.
    expect((await trpc(server.url, as.tara, 'query', 'standards.get', { org: 'tailspin', id: s.id })).body.error?.data.code).toBe('NOT_FOUND')
    expect((await trpc(server.url, as.casey, 'query', 'standards.list', { org: 'contoso' })).body.error?.data.code).toBe('FORBIDDEN')
  })
})

describe('an assessment', () => {
  it('is answered by the engineer, reviewed by the account manager, then shown to the client; a finding becomes a roadmap item linked both ways', async () => {
    const library = data<Standard[]>(await trpc(server.url, as.alex, 'query', 'standards.list', { org: 'northwind' }))
    const retired = library.at(-1)!
    await trpc(server.url, as.alex, 'mutation', 'standards.setRetired', { org: 'northwind', id: retired.id, baseVersion: retired.version, retired: true })

    const started = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.create', { slug, title: 'Q4 assessment' }))
    expect(started.status).toBe('DRAFT')
    expect(started.answers).toHaveLength(library.length - 1)
    expect(started.answers.map((a) => a.question)).not.toContain(retired.question)
    expect((await trpc(server.url, as.sam, 'mutation', 'assessments.create', { slug })).status).toBe(409)

    // The client sees nothing of a draft.
    expect(data<unknown[]>(await trpc(server.url, as.casey, 'query', 'assessments.list', { slug }))).toEqual([])
    expect((await trpc(server.url, as.casey, 'query', 'assessments.get', { slug, id: started.id })).body.error?.data.code).toBe('NOT_FOUND')

    const first = started.answers[0]
    await trpc(server.url, as.sam, 'mutation', 'assessments.answer', { slug, answerId: first.id, baseVersion: 1, alignment: 'MISALIGNED' })
    const early = await trpc(server.url, as.sam, 'mutation', 'assessments.submit', { slug, id: started.id, baseVersion: started.version })
    expect(early.status).toBe(400)
    expect(early.body.error?.data.fieldErrors[0]).toMatchObject({ field: 'answers' })
    const staleAnswer = await trpc(server.url, as.sam, 'mutation', 'assessments.answer', { slug, answerId: first.id, baseVersion: 1, alignment: 'ALIGNED' })
    expect(staleAnswer.status).toBe(409)

    // The first (critical) misaligned, the second not applicable, the third unknown, the rest aligned.
    const answered = await answerAll(
      data<Assessment>(await trpc(server.url, as.sam, 'query', 'assessments.get', { slug, id: started.id })),
      (_, i) => (i === 0 ? 'MISALIGNED' : i === 1 ? 'NOT_APPLICABLE' : i === 2 ? 'UNKNOWN' : 'ALIGNED'),
    )
    const weight = { LOW: 1, MEDIUM: 2, HIGH: 4, CRITICAL: 8 } as Record<string, number>
    const counted = answered.answers.filter((a) => a.alignment !== 'NOT_APPLICABLE')
    const expected = (counted.filter((a) => a.alignment === 'ALIGNED').reduce((s, a) => s + weight[a.severity], 0) / counted.reduce((s, a) => s + weight[a.severity], 0)) * 100
    expect(answered.score.overall).toBeCloseTo(expected, 1)

    const submitted = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.submit', { slug, id: started.id, baseVersion: answered.version }))
    expect(submitted.status).toBe('IN_REVIEW')
    expect((await trpc(server.url, as.sam, 'mutation', 'assessments.review', { slug, id: started.id, baseVersion: submitted.version })).body.error?.data.code).toBe('FORBIDDEN')
    const reviewed = data<Assessment>(await trpc(server.url, as.alex, 'mutation', 'assessments.review', { slug, id: started.id, baseVersion: submitted.version }))
    expect(reviewed.status).toBe('REVIEWED')
    const final = await trpc(server.url, as.sam, 'mutation', 'assessments.answer', { slug, answerId: first.id, baseVersion: reviewed.answers[0].version, alignment: 'ALIGNED' })
    expect(final.status).toBe(409)

    // Now the client sees it, with the same score, and can comment.
    const seen = data<Assessment>(await trpc(server.url, as.casey, 'query', 'assessments.get', { slug, id: started.id }))
    expect(seen.score.overall).toBe(reviewed.score.overall)
    expect((await trpc(server.url, as.casey, 'mutation', 'assessments.comment', { slug, id: started.id, body: 'We will fund the MFA roll-out.' })).status).toBe(200)
    expect(data<unknown[]>(await trpc(server.url, as.alex, 'query', 'assessments.comments', { slug, id: started.id }))).toHaveLength(1)

    // Only a misaligned finding converts, once; the item links back; done → re-check.
    const notMisaligned = await trpc(server.url, as.alex, 'mutation', 'assessments.convert', { slug, answerId: reviewed.answers[3].id, baseVersion: reviewed.answers[3].version, into: 'ROADMAP' })
    expect(notMisaligned.status).toBe(400)
    const converted = data<Answer>(await trpc(server.url, as.alex, 'mutation', 'assessments.convert', { slug, answerId: first.id, baseVersion: reviewed.answers[0].version, into: 'ROADMAP' }))
    expect(converted.link).toMatchObject({ kind: 'ROADMAP', done: false })
    expect(converted.recheck).toBe(false)
    expect((await trpc(server.url, as.alex, 'mutation', 'assessments.convert', { slug, answerId: first.id, baseVersion: converted.version, into: 'CSI' })).status).toBe(409)
    const item = data<{ id: string; version: number; status: string; title: string }>(await trpc(server.url, as.casey, 'query', 'roadmap.get', { slug, id: converted.link!.id }))
    expect(item).toMatchObject({ status: 'PROPOSED', title: first.question })
    expect(data(await trpc(server.url, as.casey, 'query', 'assessments.origin', { slug, kind: 'ROADMAP', id: item.id }))).toMatchObject({ assessmentId: started.id, question: first.question })

    const approvedByMsp = data<{ version: number }>(await trpc(server.url, as.alex, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: item.version }))
    const approved = data<{ version: number; status: string }>(await trpc(server.url, as.casey, 'mutation', 'roadmap.approve', { slug, id: item.id, baseVersion: approvedByMsp.version }))
    expect(approved.status).toBe('APPROVED')
    const started2 = data<{ item: { version: number } }>(await trpc(server.url, as.alex, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: approved.version, changes: { status: 'IN_PROGRESS' } }))
    const doneItem = await trpc(server.url, as.alex, 'mutation', 'roadmap.update', { slug, id: item.id, baseVersion: started2.item.version, changes: { status: 'DONE' } })
    expect(doneItem.status, doneItem.body.error?.message).toBe(200)
    const after = data<Assessment>(await trpc(server.url, as.casey, 'query', 'assessments.get', { slug, id: started.id }))
    expect(after.answers[0]).toMatchObject({ recheck: true, link: { done: true } })

    // Another MSP's people never see it.
    expect((await trpc(server.url, as.tara, 'query', 'assessments.get', { slug, id: started.id })).body.error?.data.code).toBe('NOT_FOUND')
  })

  it('freezes into the pack as of its instant: nothing before the review, the score and top misalignments after', async () => {
    const started = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.create', { slug }))
    const answered = await answerAll(started, (x) => (x.severity === 'CRITICAL' ? 'MISALIGNED' : 'ALIGNED'))
    const submitted = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.submit', { slug, id: started.id, baseVersion: answered.version }))
    const before = new Date()
    const reviewed = data<Assessment>(await trpc(server.url, as.alex, 'mutation', 'assessments.review', { slug, id: started.id, baseVersion: submitted.version }))
    const scope = await unsafeOperatorScope(slug)
    const quarter = `${before.getUTCFullYear()}-Q${Math.floor(before.getUTCMonth() / 3) + 1}`
    const earlier = await buildPackSnapshot(scope, { slug, quarter, asOf: new Date(before.getTime() - 1).toISOString() })
    expect(earlier.alignment).toEqual({ current: null, previous: null, top: [] })
    const later = await buildPackSnapshot(scope, { slug, quarter, asOf: new Date().toISOString() })
    expect(later.alignment?.current?.overall).toBe(reviewed.score.overall)
    expect(later.alignment?.top.length).toBeGreaterThan(0)
    expect(later.alignment?.top.every((t) => t.severity === 'CRITICAL' && t.alignment === 'MISALIGNED')).toBe(true)
  })
})

describe('a finding turned into a CSI entry', () => {
  it('links both ways and asks for a re-check when the entry is done; a standard retired later stays on the assessment', async () => {
    const started = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.create', { slug }))
    const library = data<Standard[]>(await trpc(server.url, as.alex, 'query', 'standards.list', { org: 'northwind' }))
    const last = library.at(-1)!
    await trpc(server.url, as.alex, 'mutation', 'standards.setRetired', { org: 'northwind', id: last.id, baseVersion: last.version, retired: true })
    const answered = await answerAll(started, (_, i) => (i === 0 ? 'MISALIGNED' : 'ALIGNED'))
    expect(answered.answers.map((a) => a.question)).toContain(last.question)
    const submitted = data<Assessment>(await trpc(server.url, as.sam, 'mutation', 'assessments.submit', { slug, id: started.id, baseVersion: answered.version }))
    const answer = submitted.answers[0]
    const converted = data<Answer>(await trpc(server.url, as.alex, 'mutation', 'assessments.convert', { slug, answerId: answer.id, baseVersion: answer.version, into: 'CSI' }))
    expect(converted.link).toMatchObject({ kind: 'CSI', done: false })
    expect(data(await trpc(server.url, as.alex, 'query', 'assessments.origin', { slug, kind: 'CSI', id: converted.link!.id }))).toMatchObject({ assessmentId: started.id })
    // In review, the client sees neither the assessment nor the origin of the entry.
    expect(data(await trpc(server.url, as.casey, 'query', 'assessments.origin', { slug, kind: 'CSI', id: converted.link!.id }))).toBeNull()
    const entry = data<{ version: number }>(await trpc(server.url, as.alex, 'query', 'csi.get', { slug, id: converted.link!.id }))
    expect((await trpc(server.url, as.alex, 'mutation', 'csi.update', { slug, id: converted.link!.id, baseVersion: entry.version, changes: { status: 'DONE' } })).status).toBe(200)
    const after = data<Assessment>(await trpc(server.url, as.alex, 'query', 'assessments.get', { slug, id: started.id }))
    expect(after.answers[0]).toMatchObject({ recheck: true, link: { kind: 'CSI', done: true } })
  })
})
