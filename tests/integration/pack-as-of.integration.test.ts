import { beforeEach, describe, expect, it } from 'vitest'
import { requirePartnershipScope } from '../../server/access/policy.server.ts'
import { createCsiEntry, setCsiEntryDeleted, updateCsiEntry } from '../../server/csi/csi-entries.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import { getPackPdf, getPackSnapshot } from '../../server/pack/list-pack-versions.server.ts'
import { addAgendaItem } from '../../server/qbr/add-agenda-item.server.ts'
import { addAttendee } from '../../server/qbr/add-attendee.server.ts'
import { createActionItem } from '../../server/qbr/create-action-item.server.ts'
import { createQbr } from '../../server/qbr/create-qbr.server.ts'
import { setAgendaItemDeleted } from '../../server/qbr/delete-agenda-item.server.ts'
import { setActionItemDeleted } from '../../server/qbr/delete-action-item.server.ts'
import { removeAttendee } from '../../server/qbr/remove-attendee.server.ts'
import { reorderAgenda } from '../../server/qbr/reorder-agenda.server.ts'
import { updateActionItem } from '../../server/qbr/update-action-item.server.ts'
import { updateAgendaItem } from '../../server/qbr/update-agenda-item.server.ts'
import { updateMinutes } from '../../server/qbr/update-minutes.server.ts'
import { updateQbr } from '../../server/qbr/update-qbr.server.ts'
import { createResponsibility } from '../../server/responsibilities/create-responsibility.server.ts'
import { setResponsibilityDeleted, updateResponsibility } from '../../server/responsibilities/update-responsibility.server.ts'
import { createRoadmapItem } from '../../server/roadmap/create-roadmap-item.server.ts'
import { setRoadmapItemDeleted } from '../../server/roadmap/delete-roadmap-item.server.ts'
import { updateRoadmapItem } from '../../server/roadmap/update-roadmap-item.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { pdfPages } from '../helpers/pdf-text.ts'

// A pack is true as of its instant: generated again for the same as-of after every section was edited, it is the
// same file. The edits go through the domain functions, so they are recorded as users' edits are.

const quarter = '2026-Q4'
const actor = { userId: null, label: 'Alex <alex@msp.example>' }
const later = { userId: null, label: 'Casey <casey@client.example>' }

let graph: Awaited<ReturnType<typeof createPartnershipGraph>>
beforeEach(async () => {
  graph = await createPartnershipGraph({ mspRole: 'ACCOUNT_MANAGER' })
  await seedPackData(graph.partnership.id, { quarter, perDay: 1 })
})

const scope = () => requirePartnershipScope(graph.mspUser.id, graph.partnership.slug, 'pack.generate')
/** The instant after everything written so far: the database clock reads past it for every later write. */
async function instantNow(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5))
  const at = new Date().toISOString()
  await new Promise((resolve) => setTimeout(resolve, 5))
  return at
}
const version = async (model: 'responsibilityFunction' | 'roadmapItem' | 'csiEntry' | 'qbr' | 'qbrAgendaItem' | 'qbrActionItem', id: string) =>
  ((await (await db())[model as 'qbr'].findUniqueOrThrow({ where: { id } })) as { version: number }).version

/** A workspace with one entity of every kind, each written through its use case, and the last QBR held. */
async function workspace() {
  const s = await scope()
  const slug = s.slug
  const previous = await createQbr(s, actor, { slug, quarter: '2026-Q3', startLocal: '2026-09-15T10:00', endLocal: '2026-09-15T12:00', timezone: 'UTC' })
  const current = await createQbr(s, actor, { slug, quarter, startLocal: '2026-12-15T10:00', endLocal: '2026-12-15T12:00', timezone: 'UTC' })
  const action = await createActionItem(s, actor, { slug, qbrId: previous.id, title: 'Sign the DR runbook', owner: 'Zoë Ångström', party: 'CLIENT', dueDate: '2026-10-30' })
  const doomedAction = await createActionItem(s, actor, { slug, qbrId: previous.id, title: 'Replace the Łódź edge firewall', owner: 'Sam Lee', party: 'MSP' })
  const agenda = await addAgendaItem(s, actor, { slug, qbrId: current.id, title: 'Plant 2 SD-WAN pilot', timeboxMinutes: 20, presenter: 'Sam Lee' })
  await updateMinutes(s, actor, { slug, id: agenda.id, baseVersion: await version('qbrAgendaItem', agenda.id), minutes: 'Pilot agreed for January.' })
  const kept = await addAttendee(s, actor, { slug, qbrId: current.id, email: 'zoe@client.example', name: 'Zoë Ångström', party: 'CLIENT' })
  const gone = await addAttendee(s, actor, { slug, qbrId: current.id, email: 'sam@msp.example', name: 'Sam Lee', party: 'MSP' })
  const duty = await createResponsibility(s, actor, { slug, category: 'Security', name: 'Firewall changes', classification: 'SHARED', mspRaci: 'RA', clientRaci: 'C' })
  const item = await createRoadmapItem(s, actor, { slug, title: 'SD-WAN', status: 'PROPOSED', oneTime: 65000, recurring: 3100, targetQuarter: '2027-Q1' }, null)
  const csi = await createCsiEntry(s, actor, { slug, opportunity: 'Faster P2 fixes', size: 'MEDIUM', stage: 'PLAN', kpiMetric: 'sla.resolution.P2', kpiBaseline: 80, kpiTarget: 90 })
  return { s, slug, previous, current, action, doomedAction, agenda, kept, gone, duty, item, csi }
}

describe('a pack as of an instant', () => {
  it('is the same file after every section is edited, deleted from and added to', async () => {
    const w = await workspace()
    const { s, slug } = w
    const asOf = await instantNow()
    const first = await generatePack(s, actor, { slug, quarter, asOf })

    // Every section changes after the as-of.
    await updateResponsibility(s, later, { slug, id: w.duty.id, baseVersion: await version('responsibilityFunction', w.duty.id), changes: { mspRaci: 'C', clientRaci: 'RA', name: 'Firewall rules' } })
    const seeded = await (await db()).responsibilityFunction.findFirstOrThrow({ where: { partnershipId: s.id, name: 'Backups' } })
    await setResponsibilityDeleted(s, later, { slug, id: seeded.id, baseVersion: seeded.version }, true)
    await createResponsibility(s, later, { slug, category: 'Security', name: 'Phishing drills', classification: 'TACTICAL', mspRaci: 'R', clientRaci: 'A' })
    await updateRoadmapItem(s, later, { slug, id: w.item.id, baseVersion: await version('roadmapItem', w.item.id), changes: { title: 'SD-WAN, all sites', oneTime: 90000, targetQuarter: '2027-Q2' } })
    const seededItem = await (await db()).roadmapItem.findFirstOrThrow({ where: { partnershipId: s.id, title: 'Zero-trust network access' } })
    await setRoadmapItemDeleted(s, later, { slug, id: seededItem.id, baseVersion: seededItem.version }, true)
    await createRoadmapItem(s, later, { slug, title: 'Second data centre', status: 'PROPOSED', oneTime: 500000, targetQuarter: '2027-Q3' }, null)
    await updateCsiEntry(s, later, { slug, id: w.csi.id, baseVersion: await version('csiEntry', w.csi.id), changes: { opportunity: 'Much faster P2 fixes', kpiTarget: 95, stage: 'DO' } })
    const seededCsi = await (await db()).csiEntry.findFirstOrThrow({ where: { partnershipId: s.id, opportunity: 'Fewer escalations' } })
    await setCsiEntryDeleted(s, later, { slug, id: seededCsi.id, baseVersion: seededCsi.version }, true)
    await createCsiEntry(s, later, { slug, opportunity: 'Better uptime', size: 'SMALL', stage: 'PLAN', kpiMetric: 'uptime', kpiBaseline: 99.5, kpiTarget: 99.9 })
    await updateActionItem(s, later, { slug, id: w.action.id, baseVersion: await version('qbrActionItem', w.action.id), changes: { status: 'DONE', title: 'DR runbook signed' } })
    await setActionItemDeleted(s, later, { slug, id: w.doomedAction.id, baseVersion: await version('qbrActionItem', w.doomedAction.id) }, true)
    await createActionItem(s, later, { slug, qbrId: w.previous.id, title: 'A late action item', owner: 'Sam Lee', party: 'MSP' })
    await updateAgendaItem(s, later, { slug, id: w.agenda.id, baseVersion: await version('qbrAgendaItem', w.agenda.id), changes: { title: 'SD-WAN rollout', timeboxMinutes: 45 } })
    await updateMinutes(s, later, { slug, id: w.agenda.id, baseVersion: await version('qbrAgendaItem', w.agenda.id), minutes: 'Rollout to every site approved.' })
    const standard = await (await db()).qbrAgendaItem.findFirstOrThrow({ where: { qbrId: w.current.id, templateKey: { not: null } } })
    await setAgendaItemDeleted(s, later, { slug, id: standard.id, baseVersion: standard.version }, true)
    await addAgendaItem(s, later, { slug, qbrId: w.current.id, title: 'Any other business', timeboxMinutes: 5 })
    const order = (await (await db()).qbr.findUniqueOrThrow({ where: { id: w.current.id } })).agendaOrder
    await reorderAgenda(s, later, { slug, id: w.current.id, baseVersion: await version('qbr', w.current.id), order: [...order].reverse() })
    await updateQbr(s, later, { slug, id: w.current.id, baseVersion: await version('qbr', w.current.id), changes: { title: 'QBR Q4, moved' } })
    await removeAttendee(s, later, { slug, id: w.gone.id })
    await addAttendee(s, later, { slug, qbrId: w.current.id, email: 'new@client.example', name: 'Nia Late', party: 'CLIENT' })

    const again = await generatePack(s, actor, { slug, quarter, asOf })
    expect(again.sha256).toBe(first.sha256)
    const [a, b] = await Promise.all([getPackPdf(s, { slug, quarter, version: first.version }), getPackPdf(s, { slug, quarter, version: again.version })])
    expect(Buffer.compare(Buffer.from(a.pdf), Buffer.from(b.pdf))).toBe(0)
    const [snapA, snapB] = await Promise.all([getPackSnapshot(s, { slug, quarter, version: first.version }), getPackSnapshot(s, { slug, quarter, version: again.version })])
    expect(snapB.snapshot).toEqual(snapA.snapshot)

    // What the frozen pack shows is what stood at the as-of, not today's rows.
    const snap = snapA.snapshot
    expect(snap.responsibilities.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Firewall changes', 'Backups']))
    expect(snap.responsibilities.rows.map((r) => r.name)).not.toContain('Phishing drills')
    expect(snap.roadmap.items.map((i) => [i.title, i.oneTime, i.targetQuarter])).toEqual(expect.arrayContaining([['SD-WAN', 65000, '2027-Q1'], ['Zero-trust network access', 12000, '2027-Q1']]))
    expect(snap.roadmap.items.map((i) => i.title)).not.toContain('Second data centre')
    expect(snap.csi.map((c) => [c.opportunity, c.target, c.stage])).toEqual([
      ['Fewer escalations', 8, 'Plan'],
      ['Faster P2 fixes', 90, 'PLAN'],
    ])
    expect(snap.qbr!.previousActionItems.map((x) => [x.title, x.status])).toEqual([
      ['Sign the DR runbook', 'OPEN'],
      ['Replace the Łódź edge firewall', 'OPEN'],
    ])
    expect(snap.qbr!.agenda.at(-1)).toEqual({ title: 'Plant 2 SD-WAN pilot', minutes: 20, presenter: 'Sam Lee', notes: 'Pilot agreed for January.' })
    expect(snap.qbr!.agenda.map((x) => x.title)).toContain(standard.title)
    expect(snap.qbr!.attendees).toEqual([
      { name: 'Zoë Ångström', party: 'CLIENT' },
      { name: 'Sam Lee', party: 'MSP' },
    ])

    // The same data read now is different: the comparison above could fail.
    const now = await generatePack(s, actor, { slug, quarter })
    expect(now.sha256).not.toBe(first.sha256)
    const today = (await getPackSnapshot(s, { slug, quarter, version: now.version })).snapshot
    expect(today.roadmap.items.map((i) => i.title)).toEqual(expect.arrayContaining(['SD-WAN, all sites', 'Second data centre']))
    expect(today.qbr!.attendees.map((x) => x.name)).toEqual(['Nia Late', 'Zoë Ångström'])
    expect(today.qbr!.previousActionItems.map((x) => [x.title, x.status])).toEqual(expect.arrayContaining([['DR runbook signed', 'DONE']]))
  })

  it('lists the changes since the last QBR was held, one line per item and save, in words, a page at most', async () => {
    const w = await workspace()
    const { s, slug } = w
    // Forty more matrix rows: more lines than a page holds.
    for (let i = 1; i <= 40; i++) await createResponsibility(s, actor, { slug, category: 'Operations', name: `Runbook ${String(i).padStart(2, '0')}`, classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' })
    await updateRoadmapItem(s, later, { slug, id: w.item.id, baseVersion: await version('roadmapItem', w.item.id), changes: { oneTime: 90000, status: 'IDEA' } })
    await updateResponsibility(s, later, { slug, id: w.duty.id, baseVersion: await version('responsibilityFunction', w.duty.id), changes: { mspRaci: 'C', clientRaci: 'RA' } })
    const asOf = await instantNow()
    const v = await generatePack(s, actor, { slug, quarter, asOf })
    const { snapshot } = await getPackSnapshot(s, { slug, quarter, version: v.version })

    // The last QBR is the one held on 15 September, not the generation day.
    expect(snapshot.changes.lastQbr).toEqual({ quarter: '2026-Q3', heldOn: '2026-09-15T10:00:00.000Z' })
    expect(snapshot.changes.since).toBe('2026-09-15T10:00:00.000Z')
    // 1 + 40 responsibilities, a roadmap item and a CSI entry created, then two edits: one line each.
    expect(snapshot.changes.lines).toHaveLength(45)
    expect(snapshot.changes.lines.filter((l) => l.change === 'created')).toHaveLength(43)
    expect(snapshot.changes.lines).toContainEqual(expect.objectContaining({ area: 'Roadmap', name: 'SD-WAN', change: 'changed one-time cost, status', by: later.label }))
    expect(snapshot.changes.lines).toContainEqual(expect.objectContaining({ area: 'Matrix', name: 'Firewall changes', change: 'changed client RACI, MSP RACI' }))

    const pages = await pdfPages((await getPackPdf(s, { slug, quarter, version: v.version })).pdf)
    const sectionPages = pages.filter((p) => p.startsWith('Changes since the last QBR'))
    expect(sectionPages).toHaveLength(1)
    expect(sectionPages[0]).toContain('45 changes to the responsibility matrix, the roadmap and the CSI register since the last QBR (2026-Q3, held ')
    expect(sectionPages[0]).toContain('and 15 more, all listed in the appendix.')
    const appendix = pages.slice(pages.findIndex((p) => p.startsWith('Appendix: all changes since the last QBR'))).join('\n')
    for (let i = 1; i <= 40; i++) expect(appendix).toContain(`Runbook ${String(i).padStart(2, '0')}`)
    expect(appendix).toContain('changed one-time cost, status')
    const text = pages.join('\n')
    for (const code of ['oneTimeCents', 'mspRaci', 'clientRaci', 'field changes']) expect(text).not.toContain(code)
  })

  it('counts changes from the quarter start when no QBR was held before', async () => {
    const s = await scope()
    await createResponsibility(s, actor, { slug: s.slug, category: 'Security', name: 'Firewall changes', classification: 'SHARED', mspRaci: 'RA', clientRaci: 'C' })
    const { snapshot } = await getPackSnapshot(s, { slug: s.slug, quarter, version: (await generatePack(s, actor, { slug: s.slug, quarter })).version })
    expect(snapshot.changes.lastQbr).toBeNull()
    expect(snapshot.changes.since).toBe(snapshot.period.start)
    expect(snapshot.changes.lines.map((l) => [l.name, l.change])).toEqual([['Firewall changes', 'created']])
  })
})

describe('a pack of a new partnership', () => {
  it('is drawn with no SLA policy and no tickets: the SLA sections say so, every other section is there', async () => {
    const fresh = await createPartnershipGraph({ mspRole: 'ACCOUNT_MANAGER' })
    const s = await requirePartnershipScope(fresh.mspUser.id, fresh.partnership.slug, 'pack.generate')
    const v = await generatePack(s, actor, { slug: s.slug, quarter })
    const { snapshot } = await getPackSnapshot(s, { slug: s.slug, quarter, version: v.version })
    expect(snapshot.policy).toBeNull()
    expect(snapshot.kpis.tickets).toEqual({ current: 0, previous: 0 })
    const pages = await pdfPages((await getPackPdf(s, { slug: s.slug, quarter, version: v.version })).pdf)
    const text = pages.join('\n')
    expect(text).toContain('No SLA policy set')
    const slaPage = pages.find((p) => p.startsWith('SLA performance'))!
    expect(slaPage).toContain('No SLA policy is set for this partnership')
    expect(snapshot.serviceKpis).toBeUndefined()
    expect(pages.find((p) => p.startsWith('Service KPIs'))).toContain('No SLA policy was set, so there are no service KPIs.')
    for (const heading of ['Executive summary', 'Ticket trends', 'Key-person dependency', 'Service KPIs', 'Responsibility matrix', 'Changes since the last QBR', 'Roadmap and budget', 'Continual service improvement', 'Standards alignment', 'Action items from the last QBR', 'Agenda', 'Appendix: breached tickets', 'Appendix: all changes since the last QBR']) {
      expect(pages.some((p) => p.includes(heading)), heading).toBe(true)
    }
  })
})
