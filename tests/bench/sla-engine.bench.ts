// The pure SLA engine against its floor: `npx tsx tests/bench/sla-engine.bench.ts` (or within `npm run bench`).
// Evaluates 1,000,000 synthetic tickets spread over a year under the demo policy, and times a loop that merely
// reads the same fields. Target: ≥ 1,000,000 ticket verdicts per second (a verdict holds both the response and the
// resolution metric) through the batch helper, evaluateBatch, which writes columns. The object path
// (evaluateTickets: three objects per ticket, all kept) is timed too; at this scale the garbage collector, not the
// clock arithmetic, is what it pays for.
import { prng } from '../../server/demo/demo-tickets.ts'
import { calendarFor } from '../../server/sla/calendar.ts'
import { type SlaTicket, VERDICTS, createVerdictTable, evaluateBatch, evaluateTickets } from '../../server/sla/engine.ts'
import { DEMO_POLICY, type Priority } from '../../server/sla/policy.ts'
import { median, report, runIfMain, timeRuns } from './lib.ts'

const TARGET_PER_SECOND = 1_000_000
const HOUR = 3_600_000
const YEAR_START = Date.parse('2026-01-01T00:00:00-05:00')
const YEAR_MS = 365 * 24 * HOUR

function generate(count: number): SlaTicket[] {
  const rand = prng('bench-sla-engine')
  const tickets = new Array<SlaTicket>(count)
  for (let i = 0; i < count; i++) {
    const r = rand()
    const priority: Priority = r < 0.05 ? 'P1' : r < 0.25 ? 'P2' : r < 0.75 ? 'P3' : 'P4'
    const createdAt = YEAR_START + Math.floor(rand() * YEAR_MS)
    // Responses within minutes to hours, resolutions within hours to days; some still open, some paused.
    const firstResponseAt = rand() < 0.95 ? createdAt + Math.floor(rand() ** 3 * 12 * HOUR) : null
    const resolved = rand() < 0.9
    const resolvedAt = resolved ? createdAt + Math.floor((0.2 + rand() ** 2 * 120) * HOUR) : null
    const pauses: Array<[number, number | null]> = []
    const p = rand()
    if (p < 0.2) {
      const start = createdAt + Math.floor(rand() * 24 * HOUR)
      const open = !resolved && rand() < 0.3
      pauses.push([start, open ? null : start + Math.floor((0.5 + rand() * 40) * HOUR)])
      if (p < 0.05 && !open) {
        const second = pauses[0][1]! + Math.floor(rand() * 12 * HOUR)
        pauses.push([second, second + Math.floor((0.5 + rand() * 20) * HOUR)])
      }
    }
    tickets[i] = { priority, createdAt, firstResponseAt, resolvedAt, pauses }
  }
  return tickets
}

/** The floor: read every field the engine reads, and nothing else. */
function readFields(tickets: readonly SlaTicket[]): number {
  let sum = 0
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i]
    sum += t.createdAt + (t.firstResponseAt ?? 0) + (t.resolvedAt ?? 0) + t.priority.length
    const pauses = t.pauses
    for (let j = 0; j < pauses.length; j++) sum += pauses[j][0] + (pauses[j][1] ?? 0)
  }
  return sum
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const list = (times: number[]) => times.map((x) => x.toFixed(0)).join(', ')

export async function benchSlaEngine(count = 1_000_000): Promise<boolean> {
  const tickets = generate(count)
  const asOf = YEAR_START + YEAR_MS
  const calendar = calendarFor(DEMO_POLICY)
  calendar.cover(YEAR_START, asOf)
  const table = createVerdictTable(count)

  let checksum = 0
  const floor = await timeRuns(() => (checksum += readFields(tickets) % 997), 5, 3)
  const batch = await timeRuns(() => evaluateBatch(calendar, DEMO_POLICY, tickets, asOf, table), 5, 3)
  const objects = await timeRuns(() => (checksum += evaluateTickets(calendar, DEMO_POLICY, tickets, asOf).length), 3, 1)

  const tally = { met: 0, breached: 0, pending: 0 }
  for (let i = 0; i < table.length; i++) {
    tally[VERDICTS[table.responseVerdict[i]]]++
    tally[VERDICTS[table.resolutionVerdict[i]]]++
  }
  const perSecond = (count / median(batch)) * 1000
  return report(
    `SLA engine: ${fmt(count)} ticket verdicts`,
    [
      ['evaluateBatch (columns)', `${median(batch).toFixed(0)} ms median of [${list(batch)}]: ${fmt(perSecond)} verdicts/s`],
      ['evaluateTickets (objects, kept)', `${median(objects).toFixed(0)} ms median of [${list(objects)}]: ${fmt((count / median(objects)) * 1000)} verdicts/s`],
      ['baseline: read the same fields', `${median(floor).toFixed(1)} ms median of [${floor.map((x) => x.toFixed(1)).join(', ')}]`],
      ['ratio batch / baseline', `${(median(batch) / median(floor)).toFixed(1)}×`],
      ['metric verdicts', `${fmt(tally.met)} met, ${fmt(tally.breached)} breached, ${fmt(tally.pending)} pending (checksum ${checksum % 997})`],
    ],
    { ok: perSecond >= TARGET_PER_SECOND, text: `target ≥ ${fmt(TARGET_PER_SECOND)} verdicts/s through evaluateBatch, measured ${fmt(perSecond)}` },
  )
}

await runIfMain(import.meta.url, benchSlaEngine)
