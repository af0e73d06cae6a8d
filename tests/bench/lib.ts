import { performance } from 'node:perf_hooks'

/** Runs `fn` `runs` times after `warmup` runs; returns the timings in ms, sorted. */
export async function timeRuns(fn: () => unknown, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    times.push(performance.now() - start)
  }
  return times.sort((a, b) => a - b)
}

export const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)]
export const p99 = (sorted: number[]) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]

export function report(title: string, lines: Array<[string, string]>, verdict: { ok: boolean; text: string }) {
  console.log(`\n## ${title}`)
  for (const [k, v] of lines) console.log(`  ${k.padEnd(34)} ${v}`)
  console.log(`  ${verdict.ok ? 'PASS' : 'MISS'}: ${verdict.text}`)
  return verdict.ok
}
