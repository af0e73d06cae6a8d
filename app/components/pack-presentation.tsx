import type { ReactNode } from 'react'
import { fitPercentRange } from '~/charts/geometry'
import { engineersText, serviceKpiNote, serviceKpiRows } from '~/charts/service-kpi-rows'
import { ATTAINMENT_GOAL, CHANGES_SECTION_LIMIT, KPI_TILES, PACK_SECTIONS, PRIORITY_COLORS, alignmentDelta, fmtMoney, fmtNum, fmtPct, fmtScore, packBudgetYear, packQuarter, tileDelta } from '~/charts/pack-format'
import type { NoteSection } from '../../server/narrative/narrative.schemas.ts'
import { narrativeByline } from '../../server/narrative/narrative-fields.ts'
import { DEFAULT_LOCALE, duration, formatDate, formatDateTime } from '~/utils/format'
import { enumLabel } from '~/utils/labels'
import { lifecycleRows } from '~/charts/lifecycle-rows'
import type { PackSnapshot } from '~/api.server'
import { BarChart } from './bar-chart'
import { HBars, LineChart } from './pack-charts'

type SectionId = (typeof PACK_SECTIONS)[number]['id']

function Table({ head, rows, marks }: { head: string[]; rows: string[][]; marks?: Array<boolean> }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={marks?.[i] ? 'row-marked' : undefined}>
              {r.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

const tally = (t: { met: number; breached: number; pending: number; attainment: number | null }) => [fmtPct(t.attainment), fmtNum(t.met), fmtNum(t.breached), fmtNum(t.pending)]

/** The pack's sections as slides, drawn from the same snapshot (and chart geometry) as the PDF. */
export function packSlides(s: PackSnapshot): Array<{ id: SectionId | 'cover'; title: string; body: ReactNode }> {
  const title = (id: SectionId) => PACK_SECTIONS.find((x) => x.id === id)!.title
  const accent = s.msp.primaryColor ?? '#1f5fbf'
  // The frozen pack's dates, as its PDF prints them (the partnership's zone, the default locale).
  const locale = s.locale ?? DEFAULT_LOCALE
  const day = (iso: string) => formatDate(iso, locale, iso.length === 10 ? 'UTC' : s.timezone)
  const breachRows = (list: PackSnapshot['sla']['breaches']) => list.map((b) => [b.externalId, b.priority, day(b.createdAt), b.title, b.queue ?? '—', b.reason])
  const breachHead = ['Ticket', 'P', 'Opened', 'Title', 'Queue', 'Reason']
  const changeRows = (list: PackSnapshot['changes']['lines']) => list.map((c) => [day(c.at), c.area, c.name, c.change, c.by])
  const body: Record<SectionId, ReactNode> = {
    summary: (
      <>
        <div className="tiles">
          {KPI_TILES.map((t) => (
            <div className="tile" key={t.key}>
              <span className="eyebrow">{t.label}</span>
              <strong className="tile-value">{t.value(s.kpis[t.key])}</strong>
              <span className="muted">
                {tileDelta(t, s.kpis[t.key])} vs {s.comparison?.label ?? s.previousQuarter}
              </span>
            </div>
          ))}
        </div>
        <p className="muted">
          {fmtNum(s.sla.breachCount)} tickets breached an SLA in {s.quarter}. Median resolution {duration(s.tickets.medianResolutionMinutes)}; {fmtNum(s.tickets.csatResponses)} CSAT answers.
        </p>
      </>
    ),
    sla: (
      <>
        <Table
          head={['Priority', 'Response', 'met', 'breached', 'pending', 'Resolution', 'met', 'breached', 'pending']}
          rows={[...s.sla.byPriority.map((p) => [p.priority, ...tally(p.response), ...tally(p.resolution)]), ['All', ...tally(s.sla.overall.response), ...tally(s.sla.overall.resolution)]]}
        />
        <LineChart
          title={`Attainment per month, ${s.quarter}`}
          width={640}
          height={200}
          {...fitPercentRange(
            s.sla.months.flatMap((m) => [m.response, m.resolution]),
            ATTAINMENT_GOAL.value,
          )}
          target={ATTAINMENT_GOAL}
          format={(v) => `${v}%`}
          categories={s.sla.months.map((m) => m.month)}
          series={[
            { name: 'Response', color: accent, values: s.sla.months.map((m) => m.response) },
            { name: 'Resolution', color: '#0e7c66', values: s.sla.months.map((m) => m.resolution) },
          ]}
        />
        <h3>Breaches ({fmtNum(s.sla.breachCount)})</h3>
        <Table head={breachHead} rows={breachRows(s.sla.breaches.slice(0, 15))} />
      </>
    ),
    tickets: (
      <>
        <BarChart
          title={`Weekly volume by priority, ${s.quarter}`}
          width={640}
          height={220}
          stacked
          categories={s.tickets.weekly.map((w) => w.week.slice(5))}
          series={(['P1', 'P2', 'P3', 'P4'] as const).map((p) => ({ name: p, color: PRIORITY_COLORS[p], values: s.tickets.weekly.map((w) => w.byPriority[p]) }))}
        />
        <h3>By queue</h3>
        <HBars title="Tickets by queue" width={640} color={accent} rows={s.tickets.byQueue.slice(0, 12).map((q) => ({ label: q.queue, value: q.count }))} />
      </>
    ),
    'key-person': (
      <>
        <p className="muted">
          Share of the {fmtNum(s.keyPerson.total)} tickets opened in {s.quarter} per assignee. The top three resolved{' '}
          {fmtPct(s.keyPerson.topThreeCriticalShare === null ? null : s.keyPerson.topThreeCriticalShare * 100)} of the escalated or P1/P2 tickets.
        </p>
        <HBars title="Share of tickets per assignee" width={640} color="#8250df" max={1} format={(v) => fmtPct(v * 100)} rows={s.keyPerson.assignees.map((a) => ({ label: a.assignee, value: a.share }))} />
      </>
    ),
    responsibilities: (
      <>
        <p className="muted">Marked rows changed since the last QBR ({day(s.responsibilities.since)}).</p>
        <Table
          head={['Category', 'Function', 'Class', 'MSP', 'Client', 'MSP owner', 'Client owner']}
          rows={s.responsibilities.rows.map((r) => [r.category, r.name, enumLabel(r.classification), r.mspRaci, r.clientRaci, r.mspOwner ?? '—', r.clientOwner ?? '—'])}
          marks={s.responsibilities.rows.map((r) => r.changed)}
        />
      </>
    ),
    changes: (s.changes?.lines.length ?? 0) ? (
      <>
        <Table head={['When', 'Register', 'Item', 'Change', 'By']} rows={changeRows(s.changes.lines.slice(0, CHANGES_SECTION_LIMIT))} />
        {s.changes.lines.length > CHANGES_SECTION_LIMIT ? <p className="muted">and {fmtNum(s.changes.lines.length - CHANGES_SECTION_LIMIT)} more, all listed in the appendix.</p> : null}
      </>
    ) : (
      <p className="empty">No changes since the last QBR.</p>
    ),
    roadmap: (
      <>
        <Table
          head={['Quarter', 'Item', 'Status', 'Priority', 'One-time', 'Recurring']}
          rows={s.roadmap.items.map((i) => [i.targetQuarter ? packQuarter(s, i.targetQuarter) : '—', i.title, enumLabel(i.status), enumLabel(i.priority), fmtMoney(i.oneTime, i.currency), `${fmtMoney(i.recurring, i.currency)}/${i.recurringPeriod === 'YEAR' ? 'yr' : 'mo'}`])}
        />
        {s.roadmap.budget.map((b) => (
          <Table
            key={b.currency}
            head={[`Period (${b.currency})`, 'Committed one-time', 'Committed recurring', 'Committed total', 'Planned one-time', 'Planned recurring', 'Planned total']}
            rows={[...b.quarters.map((l) => ({ ...l, period: packQuarter(s, l.period) })), ...b.years.map((l) => ({ ...l, period: packBudgetYear(s, l.period) }))].map((l) => [l.period, ...[l.committed, l.planned].flatMap((c) => [fmtNum(c.oneTime), fmtNum(c.recurring), fmtNum(c.total)])])}
          />
        ))}
      </>
    ),
    'service-kpis': s.serviceKpis ? (
      <>
        <p className="muted">{serviceKpiNote(s.serviceKpis, locale)}</p>
        <Table
          head={['KPI', s.serviceKpis.quarter, s.serviceKpis.previousQuarter, ...s.serviceKpis.monthly.map((m) => m.month)]}
          rows={serviceKpiRows(s.serviceKpis, locale).map((r) => [r.label, r.text.current, r.text.previous, ...r.text.months])}
        />
        {s.serviceKpis.keyPerson.byQueue.length ? (
          <Table head={['Queue', 'Key-person share', 'Complex tickets', 'Engineers']} rows={s.serviceKpis.keyPerson.byQueue.map((q) => [q.queue, fmtPct(q.share), fmtNum(q.considered), engineersText(q)])} />
        ) : null}
      </>
    ) : (
      <p className="empty">{s.policy ? 'Not in this pack: it was generated before service KPIs were part of the pack.' : 'No SLA policy was set, so there are no service KPIs.'}</p>
    ),
    csi: (
      <Table
        head={['Opportunity', 'Stage', 'KPI', 'Baseline', 'Target', s.period.toDate ? `${s.quarter} to date` : s.quarter, 'On target']}
        rows={s.csi.map((c) => [c.opportunity, enumLabel(c.stage), c.kpi ?? '—', fmtNum(c.baseline, 1), fmtNum(c.target, 1), fmtNum(c.current, 1), c.onTarget === null ? '—' : c.onTarget ? 'yes' : 'not yet'])}
      />
    ),
    lifecycle:
      s.lifecycle && s.lifecycle.assets > 0 ? (
        <Table head={['Quarter', 'Type', 'Assets', 'Why', 'Replacement cost']} rows={lifecycleRows(s.lifecycle)} />
      ) : (
        <p className="empty">No assets were recorded for this client when this pack was generated.</p>
      ),
    alignment: s.alignment?.current ? (
      <>
        <p>
          <strong className="tile-value">{fmtScore(s.alignment.current.overall)}</strong> {s.alignment.current.title}, reviewed {day(s.alignment.current.reviewedAt)}
          {s.alignment.previous ? ` · ${alignmentDelta(s.alignment.current.overall, s.alignment.previous.overall)} vs ${s.alignment.previous.title} (${fmtScore(s.alignment.previous.overall)})` : ''}
        </p>
        <Table head={['Category', 'Score', 'Previous', 'Change']} rows={s.alignment.current.categories.map((c) => [c.category, fmtScore(c.score), fmtScore(c.previous), alignmentDelta(c.score, c.previous)])} />
        <h3>Top misalignments</h3>
        <Table head={['Severity', 'Category', 'Standard', 'Finding', 'Recommended remediation']} rows={s.alignment.top.map((t) => [enumLabel(t.severity), t.category, t.question, t.alignment === 'MISALIGNED' ? 'misaligned' : 'unknown', t.remediation])} />
      </>
    ) : (
      <p className="empty">{s.alignment ? 'No standards assessment had been reviewed by the date of this pack.' : 'This pack was frozen before standards assessments existed.'}</p>
    ),
    actions: s.qbr ? (
      <Table head={['Action item', 'Owner', 'Party', 'Due', 'Status']} rows={s.qbr.previousActionItems.map((a) => [a.title, a.owner ?? '—', enumLabel(a.party), a.due ? day(a.due) : '—', enumLabel(a.status)])} />
    ) : (
      <p className="empty">No QBR scheduled: there are no action items from a previous QBR to review.</p>
    ),
    agenda: s.qbr ? (
      <Table head={['#', 'Item', 'Minutes', 'Presenter']} rows={s.qbr.agenda.map((a, i) => [String(i + 1), a.title, a.minutes === null ? '—' : String(a.minutes), a.presenter ?? '—'])} />
    ) : (
      <p className="empty">No QBR scheduled for this quarter yet.</p>
    ),
    appendix: <Table head={breachHead} rows={breachRows(s.sla.breaches)} />,
    'changes-appendix': <Table head={['When', 'Register', 'Item', 'Change', 'By']} rows={changeRows(s.changes?.lines ?? [])} />,
  }
  return [
    {
      id: 'cover',
      title: s.client.name,
      body: (
        <div className="pack-cover" style={{ borderTopColor: accent }}>
          <p className="eyebrow">{s.msp.name} · Quarterly business review</p>
          <p className="pack-cover-quarter">{s.quarterLabel ?? s.quarter}</p>
          <p className="muted">
            Figures as of {formatDateTime(s.asOf, locale, s.timezone, true)} · {s.policy ? `SLA policy v${s.policy.version} “${s.policy.name}”` : 'No SLA policy set'} · compared with {s.comparison?.label ?? s.previousQuarter}
          </p>
        </div>
      ),
    },
    ...PACK_SECTIONS.map((sec) => ({
      id: sec.id,
      title: title(sec.id),
      body: (
        <>
          {narrativeLead(s, sec.id, day)}
          {body[sec.id]}
        </>
      ),
    })),
  ]
}

/** The narrative frozen with the pack (ADR 029), as the PDF sets it: the summary atop its slide, a note atop its section. */
function narrativeLead(s: PackSnapshot, id: SectionId, day: (iso: string) => string): ReactNode {
  const n = s.narrative
  const text = !n ? '' : id === 'summary' ? n.summary : (n.notes[id as NoteSection] ?? '')
  if (!n || !text) return null
  return (
    <blockquote className="pack-narrative" style={{ whiteSpace: 'pre-line', borderLeft: `3px solid ${s.msp.primaryColor ?? '#1f5fbf'}`, paddingLeft: '0.75rem', margin: '0 0 1rem' }}>
      {id === 'summary' ? null : <span className="eyebrow">Note</span>}
      <p>{text}</p>
      {id === 'summary' ? <p className="muted small">{narrativeByline(n, day)}</p> : null}
    </blockquote>
  )
}

/** Every slide, one after another: the print layout (the Chromium baseline prints this). */
export function PackDocument({ snapshot }: { snapshot: PackSnapshot }) {
  return (
    <div className="pack-document">
      {packSlides(snapshot).map((slide) => (
        <section key={slide.id} className="pack-slide" aria-labelledby={`slide-${slide.id}`}>
          <h2 id={`slide-${slide.id}`}>{slide.title}</h2>
          {slide.body}
        </section>
      ))}
    </div>
  )
}
