// The QBR pack's disputes part: attainment computed beside agreed and the quarter's disputes, as of the pack's instant.
import fs from 'node:fs'
import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope, unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { userActor } from '../../server/audit/record-audit.server.ts'
import { db } from '../../server/db/client.server.ts'
import { acceptDispute } from '../../server/disputes/accept-dispute.server.ts'
import { raiseDispute } from '../../server/disputes/raise-dispute.server.ts'
import { rejectDispute } from '../../server/disputes/reject-dispute.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { getPackPdf, getPackSnapshot } from '../../server/pack/list-pack-versions.server.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo } from '../helpers/factories.ts'
import { pdfPages } from '../helpers/pdf-text.ts'

const slug = 'northwind-contoso'
const APP = 'http://accord.test'

async function person(email: string, permission: 'dispute.raise' | 'dispute.answer') {
  const user = await (await db()).user.findUniqueOrThrow({ where: { email } })
  return { scope: await requirePartnershipScope(user.id, slug, permission), actor: userActor(user) }
}

beforeEach(async () => {
  await seedDemo()
  const prisma = await db()
  const p = await prisma.partnership.findUniqueOrThrow({ where: { slug } })
  await prisma.slaPolicy.create({ data: { partnershipId: p.id, version: 1, name: DEMO_POLICY.name, definition: DEMO_POLICY as object, createdByLabel: 'test' } })
  // P2 (response 60 business minutes): A met (20 min), B and C breached (90 min), in July 2026.
  const ticket = (externalId: string, day: string, responseAt: string) => ({
    partnershipId: p.id,
    source: 'api',
    externalId,
    title: `Ticket ${externalId}`,
    priority: 'P2' as const,
    status: 'Closed',
    createdAt: new Date(`2026-07-${day}T14:00:00-04:00`),
    firstResponseAt: new Date(`2026-07-${day}T${responseAt}:00-04:00`),
    resolvedAt: new Date(`2026-07-${day}T17:00:00-04:00`),
    pauses: [],
    contentHash: externalId,
  })
  await prisma.ticket.createMany({ data: [ticket('A', '13', '14:20'), ticket('B', '14', '15:30'), ticket('C', '15', '15:30')] })
})

describe('the pack', () => {
  it('shows response attainment computed and agreed side by side and lists the quarter’s disputes; a pack as of an earlier instant shows none', async () => {
    const casey = await person('casey@contoso.example', 'dispute.raise')
    const alex = await person('alex@northwind.example', 'dispute.answer')
    const b = await raiseDispute(casey.scope, casey.actor, { slug, externalId: 'B', metric: 'response', reason: 'Phoned at 14:20, logged late in the PSA.' }, APP)
    const c = await raiseDispute(casey.scope, casey.actor, { slug, externalId: 'C', metric: 'response', reason: 'Same outage as B, answered together.' }, APP)
    await acceptDispute(alex.scope, alex.actor, { slug, id: b.id, baseVersion: 1, reason: 'The call log shows 14:20.' }, APP)
    await rejectDispute(alex.scope, alex.actor, { slug, id: c.id, baseVersion: 1, answer: 'C was a different site; no call logged.' }, APP)

    const operator = await unsafeOperatorScope(slug)
    const actor = { userId: null, label: 'test' }
    const version = await generatePack(operator, actor, { slug, quarter: '2026-Q3' })
    const { snapshot } = await getPackSnapshot(operator, { slug, quarter: '2026-Q3', version: version.version })
    expect(snapshot.disputes?.response).toEqual({ computed: 100 / 3, agreed: (100 * 2) / 3, agreedMet: 2, decided: 3 })
    expect(snapshot.disputes?.resolution.computed).toBe(snapshot.disputes?.resolution.agreed)
    expect(snapshot.disputes?.disputes.map((d) => [d.externalId, d.status, d.agreedVerdict])).toEqual([
      ['B', 'ACCEPTED', 'met'],
      ['C', 'REJECTED', null],
    ])
    const { pdf } = await getPackPdf(operator, { slug, quarter: '2026-Q3', version: version.version })
    fs.mkdirSync('tests/artifacts', { recursive: true })
    fs.writeFileSync('tests/artifacts/pack-disputes.pdf', pdf)
    const pages = await pdfPages(pdf)
    const page = pages.find((p) => p.includes('Attainment, computed and agreed'))
    expect(page, 'the SLA pages carry the disputes part').toBeDefined()
    expect(page).toMatch(/Response 33\.3% 66\.7% 2 \/ 3/)
    expect(page).toContain('Disputed verdicts (2)')
    expect(page).toMatch(/B response: breached accepted → met Casey Morgan Alex Rivera/)
    // The reasons and answers follow, on this page or the next.
    const text = pages.join('\n')
    expect(text).toContain('B Client Phoned at 14:20, logged late in the PSA.')
    expect(text).toContain('MSP C was a different site; no call logged.')

    // As of the end of the quarter, before anyone disputed anything: no disputes, agreed = computed.
    const earlier = await generatePack(operator, actor, { slug, quarter: '2026-Q3', asOf: '2026-10-05T12:00:00Z' })
    const { snapshot: before } = await getPackSnapshot(operator, { slug, quarter: '2026-Q3', version: earlier.version })
    expect(before.disputes?.disputes).toEqual([])
    expect(before.disputes?.response).toMatchObject({ computed: 100 / 3, agreed: 100 / 3 })
    const beforePages = await pdfPages((await getPackPdf(operator, { slug, quarter: '2026-Q3', version: earlier.version })).pdf)
    expect(beforePages.join('\n')).toContain('No verdict of 2026-Q3 was disputed.')
  })
})
