// SLA engine throughput: `npx tsx tests/bench/sla-engine.bench.ts` (a plain script, not a vitest test).
// Evaluates ~1,000,000 synthetic tickets spread over a year under the demo policy and compares the time with a
// floor: a loop that only reads each ticket's fields. Target: at least 1,000,000 ticket verdicts per second (each
// verdict holds both the response and the resolution metric) through the batch helper, evaluateBatch. The object
// path (evaluateTickets: three objects per ticket, all kept) is timed too, for comparison.

import { calendarFor } from '../../server/sla/calendar.ts'
import { type SlaTicket, VERDICTS, createVerdictTable, evaluateBatch, evaluateTickets } from '../../server/sla/engine.ts'
import { DEMO_POLICY, type Priority } from '../../server/sla/policy.ts'

const TICKETS = Number(process.env.SLA_BENCH_TICKETS ?? 1_000_000)
const TARGET_PER_SECOND = 1_000_000
const RUNS = 5

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const YEAR_START = Date.parse('2026-01-01T00:00:00-05:00')
const YEAR_MS = 365 * 24 * HOUR
const AS_OF = YEAR_START + YEAR_MS

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function generate(count: number, seed: number): SlaTicket[] {
  const rand = prng(seed)
  const tickets = new Array<SlaTicket>(count)
  for (let i = 0; i < count; i++) {
    const r = rand()
    const priority: Priority = r < 0.05 ? 'P1' : r < 0.25 ? 'P2' : r < 0.75 ? 'P3' : 'P4'
    const createdAt = YEAR_START + Math.floor(rand() * (YEAR_MS - 2 * HOUR))
    // Response within minutes to two days; resolution within hours to ten days; some still open.
    const responded = rand() < 0.93
    const firstResponseAt = responded ? createdAt + Math.floor(rand() * rand() * 48 * HOUR) : null
    const resolved = rand() < 0.85
    const resolvedAt = resolved ? createdAt + Math.floor((0.2 + rand() * rand() * 240) * HOUR) : null
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
function baseline(tickets: readonly SlaTicket[]): number {
  let sum = 0
  for (let i = 0; i < tickets.length; i++) {
    const t = tickets[i]
    sum += t.createdAt + (t.firstResponseAt ?? 0) + (t.resolvedAt ?? 0) + t.priority.length
    const pauses = t.pauses
    for (let j = 0; j < pauses.length; j++) sum += pauses[j][0] + (pauses[j][1] ?? 0)
  }
  return sum
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = process.hrtime.bigint()
  const result = fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')

function main(): void {
  const started = Date.now()
  const gen = time(() => generate(TICKETS, 20_260_101))
  const tickets = gen.result
  console.log(`generated ${fmt(TICKETS)} tickets in ${gen.ms.toFixed(0)} ms`)

  const calendar = calendarFor(DEMO_POLICY)
  const compile = time(() => calendar.cover(YEAR_START, AS_OF))
  console.log(`compiled the business calendar in ${compile.ms.toFixed(1)} ms`)

  // Warm-up: let the JIT settle on the hot paths before timing.
  const table = createVerdictTable(TICKETS)
  for (let i = 0; i < 3; i++) evaluateBatch(calendar, DEMO_POLICY, tickets, AS_OF, table)
  for (let i = 0; i < 3; i++) baseline(tickets)

  const batchMs: number[] = []
  const floorMs: number[] = []
  let sink = 0
  for (let run = 0; run < RUNS; run++) {
    batchMs.push(time(() => evaluateBatch(calendar, DEMO_POLICY, tickets, AS_OF, table)).ms)
    const f = time(() => baseline(tickets))
    floorMs.push(f.ms)
    sink += f.result
  }
  const objectMs: number[] = []
  for (let run = 0; run < 3; run++) {
    const o = time(() => evaluateTickets(calendar, DEMO_POLICY, tickets, AS_OF))
    objectMs.push(o.ms)
    sink += o.result.length
  }

  const tally = { met: 0, breached: 0, pending: 0 }
  for (let i = 0; i < table.length; i++) {
    tally[VERDICTS[table.responseVerdict[i]]]++
    tally[VERDICTS[table.resolutionVerdict[i]]]++
  }
  const batch = median(batchMs)
  const objects = median(objectMs)
  const floor = median(floorMs)
  const perSecond = (TICKETS / batch) * 1000
  const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ')
  console.log(`metric verdicts: ${fmt(tally.met)} met, ${fmt(tally.breached)} breached, ${fmt(tally.pending)} pending (checksum ${sink % 997})`)
  console.log(`batch:    ${batch.toFixed(1)} ms for ${fmt(TICKETS)} tickets, median of ${RUNS} (${runs(batchMs)} ms)`)
  console.log(`          ${fmt(perSecond)} ticket verdicts/s (${fmt(perSecond * 2)} metric verdicts/s)`)
  console.log(`objects:  ${objects.toFixed(1)} ms, median of ${objectMs.length} (${runs(objectMs)} ms): ${fmt((TICKETS / objects) * 1000)} ticket verdicts/s`)
  console.log(`baseline: ${floor.toFixed(1)} ms to read the same fields, median of ${RUNS} (${fmt((TICKETS / floor) * 1000)} tickets/s)`)
  console.log(`ratio:    the batch takes ${(batch / floor).toFixed(1)}× the baseline`)
  console.log(
    perSecond >= TARGET_PER_SECOND
      ? `TARGET MET: ${fmt(perSecond)} ≥ ${fmt(TARGET_PER_SECOND)} ticket verdicts/s`
      : `TARGET MISSED: ${fmt(perSecond)} < ${fmt(TARGET_PER_SECOND)} ticket verdicts/s`,
  )
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (perSecond < TARGET_PER_SECOND) process.exitCode = 1
}

main()
