// Issue 16 §4 journeys in a browser: the pack is generated and acknowledged by both parties (the client executive
// acknowledging an older version is told so), and the PPTX of the same version opens: parsed back, with its slide
// count and the figures of its summary checked against the frozen snapshot.
import path from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { lifecycleRows } from '../../app/charts/lifecycle-rows.ts'
import { KPI_TILES } from '../../app/charts/pack-format.ts'
import { serviceKpiRows } from '../../app/charts/service-kpi-rows.ts'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { generatePack } from '../../server/pack/generate-pack.server.ts'
import type { PackSnapshot } from '../../server/pack/snapshot.ts'
import { signedInPage } from '../helpers/browser.ts'
import { ARTIFACTS, useServerAndBrowser } from '../helpers/e2e.ts'
import { seedDemo } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'
import { readPptx } from '../helpers/pptx.ts'

const e2e = useServerAndBrowser()
const slug = 'northwind-contoso'
beforeEach(async () => {
  await seedDemo()
  const p = await (await db()).partnership.findUniqueOrThrow({ where: { slug } })
  await seedPackData(p.id, { quarter: '2026-Q3', perDay: 1 })
  const scope = await unsafeOperatorScope(slug)
  for (const asOf of ['2026-10-05T12:00:00Z', '2026-10-06T12:00:00Z']) await generatePack(scope, { userId: null, label: 'Alex Rivera <alex@northwind.example>' }, { slug, quarter: '2026-Q3', asOf })
})

const signedIn = (email: string) => signedInPage(e2e.browser, e2e.server.url, email)

it('both parties acknowledge the pack; an older version says so; the PPTX opens with the figures of the snapshot', { timeout: 120_000 }, async () => {
  const casey = await signedIn('casey@contoso.example')
  await casey.goto(`${e2e.server.url}/p/${slug}/packs`)
  await casey.getByRole('button', { name: 'Acknowledge v1' }).click()
  await casey.getByText('Version 1 is not the latest of 2026-Q3: version 2 was generated after it.').waitFor()
  const v1 = casey.getByRole('row').filter({ hasText: 'v1' })
  await v1.getByText(/Acknowledged by Casey Morgan \(Client executive\)/).waitFor()
  expect(await v1.textContent()).toContain('not the latest version when acknowledged')
  await casey.getByRole('button', { name: 'Acknowledge v2' }).click()
  await casey.getByRole('row').filter({ hasText: 'v2' }).getByText(/Acknowledged by Casey Morgan/).waitFor()

  const alex = await signedIn('alex@northwind.example')
  await alex.goto(`${e2e.server.url}/p/${slug}/packs`)
  await alex.getByRole('button', { name: 'Acknowledge v2' }).click()
  const v2 = alex.getByRole('row').filter({ hasText: 'v2' })
  await v2.getByText(/Acknowledged by Alex Rivera \(Account manager\)/).waitFor()
  expect(await v2.textContent()).toContain('Acknowledged by Casey Morgan (Client executive)')
  await alex.screenshot({ path: path.join(ARTIFACTS, 'pack-acknowledged.png'), fullPage: true })

  // The deck of version 2, fetched through the page's link.
  const link = v2.getByRole('link', { name: 'PPTX' })
  const response = await alex.request.get(new URL((await link.getAttribute('href'))!, e2e.server.url).href)
  expect(response.status()).toBe(200)
  const slides = await readPptx(await response.body())
  const row = await (await db()).packVersion.findFirstOrThrow({ where: { quarter: '2026-Q3', version: 2 } })
  const snapshot = row.snapshot as unknown as PackSnapshot
  // Cover, summary, 3 SLA, tickets, key person, matrix, changes, roadmap (+ a budget slide per currency), CSI,
  // actions, agenda, the breach appendix at 12 rows a slide, the changes appendix at 12 rows a slide (one when empty).
  const pages = (n: number) => Math.max(1, Math.ceil(n / 12))
  const expected =
    1 + 1 + (snapshot.policy ? 3 : 1) + 1 + 1 + pages(snapshot.responsibilities.rows.length) + pages(Math.min(30, snapshot.changes.lines.length)) +
    pages(snapshot.roadmap.items.length) + snapshot.roadmap.budget.length + pages(snapshot.csi.length) + pages(snapshot.qbr?.previousActionItems.length ?? 0) +
    pages(snapshot.qbr?.agenda.length ?? 0) + (snapshot.qbr?.agenda.some((a) => a.notes?.trim()) ? 1 : 0) + (snapshot.policy ? pages(snapshot.sla.breaches.length) : 1) + pages(snapshot.changes.lines.length) +
    // Service KPIs (their table, and per queue when there are queues), hardware lifecycle, standards alignment (scores, top misalignments).
    (snapshot.serviceKpis ? pages(serviceKpiRows(snapshot.serviceKpis).length) + (snapshot.serviceKpis.keyPerson.byQueue.length ? pages(snapshot.serviceKpis.keyPerson.byQueue.length) : 0) : 1) +
    (snapshot.lifecycle && snapshot.lifecycle.assets > 0 ? pages(lifecycleRows(snapshot.lifecycle).length) : 1) +
    (snapshot.alignment?.current ? pages(snapshot.alignment.current.categories.length) + pages(snapshot.alignment.top.length) : 1)
  expect(slides).toHaveLength(expected)
  expect(slides.every((s) => s.notes.includes(row.sha256))).toBe(true)
  const summary = slides.find((s) => s.texts[0] === 'Executive summary')!
  for (const t of KPI_TILES) expect(summary.texts[summary.texts.indexOf(t.label.toUpperCase()) + 1]).toBe(t.value(snapshot.kpis[t.key]))
})
