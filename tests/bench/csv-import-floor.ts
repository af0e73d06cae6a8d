// The CSV import's floor on this machine, measured beside the import (csv-import.bench.ts): the two shares of its
// work each run alone on the same file, so a missed target says whether the import's coordination or the work
// itself is what costs.
// - Node's per-row work with no database: parse, the field check, normalising with the content hash, the stored
//   verdicts and thresholds, and each chunk's binary COPY rows (what importTicketsCsv does per row, minus the
//   safe-text check and the hash look-ups).
// - The server's share with no Node work: a binary COPY of those same rows into "Ticket" (heap, indexes, foreign key,
//   roll-up triggers), emptied first, in one transaction that is rolled back.
// The import cannot finish before either share, nor before their CPU spread over the machine's cores.
import fs from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { getDatabase } from '../../server/db/client.server.ts'
import { BinaryCopyWriter } from '../../server/db/copy-binary.ts'
import { currentVerdictPolicy, storedRowsOf } from '../../server/sla/stored/verdict-policy.server.ts'
import { csvTicketInput } from '../../server/tickets/csv-ticket-input.ts'
import { NumberedCsvParser, columnPositions, csvParseOptions, rowToInput } from '../../server/tickets/import-tickets-csv.server.ts'
import { type NormalisedTicket, normaliseTicket } from '../../server/tickets/normalize-ticket.ts'
import { DIRECT_NAMES, directRow } from '../../server/tickets/stage-tickets.server.ts'
import { statusRules } from '../../server/tickets/status-history.ts'

export interface ImportFloor {
  nodeMs: number
  nodeCpuMs: number
  serverMs: number
  /** The COPY's backend process CPU (from /proc); NaN where it cannot be read. */
  serverCpuMs: number
  /** The shortest the import could take here: the longer share, or both shares' CPU over the cores. */
  floorMs: number
  cores: number
}

class Rollback extends Error {}

export async function measureImportFloor(file: string, partnershipId: string): Promise<ImportFloor> {
  const database = await getDatabase()
  const policy = await currentVerdictPolicy(database.prisma, partnershipId)
  const statuses = statusRules({ waiting: [] })
  const buffers: Buffer[] = []
  let chunk: NormalisedTicket[] = []
  const flush = () => {
    const rows = storedRowsOf(policy, chunk)
    const out = new BinaryCopyWriter(chunk.length * 600)
    for (let k = 0; k < chunk.length; k++) directRow(out, partnershipId, 'csv', chunk[k], rows[k], 0n)
    buffers.push(out.finish())
    chunk = []
  }
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const seen = new Map<string, number>()
  let at: ReturnType<typeof columnPositions> | null = null
  for await (const values of fs.createReadStream(file).pipe(new NumberedCsvParser(csvParseOptions())) as AsyncIterable<string[]>) {
    const line = values.pop() as unknown as number
    if (at === null) {
      at = columnPositions(values.map((v) => v.trim()))
      continue
    }
    const parsed = csvTicketInput(rowToInput(values, at))
    if (!parsed.success) throw new Error(`line ${line}: ${parsed.field}: ${parsed.message}`)
    seen.set(parsed.data.externalId, line)
    chunk.push(normaliseTicket(parsed.data, { mapping: new Map(), zone: 'UTC', statuses, onNaive: () => {} }))
    if (chunk.length >= 5000) flush()
  }
  if (chunk.length) flush()
  const nodeMs = performance.now() - t0
  const used = process.cpuUsage(cpu0)
  const nodeCpuMs = (used.user + used.system) / 1000

  let serverMs = Number.NaN
  let serverCpuMs = Number.NaN
  await database
    .bulkSession((session) =>
      session.transaction(async (query) => {
        const [[pid]] = (await query('SELECT pg_backend_pid()')) as Array<[number]>
        const backendCpu = () => {
          try {
            const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
            return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
          } catch {
            return Number.NaN
          }
        }
        await query('TRUNCATE "Ticket" CASCADE')
        const cpuBefore = backendCpu()
        const start = performance.now()
        for (const data of buffers) await session.copyFrom('"Ticket"', DIRECT_NAMES, data)
        serverMs = performance.now() - start
        serverCpuMs = backendCpu() - cpuBefore
        throw new Rollback()
      }),
    )
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error
    })
  const cores = os.availableParallelism()
  const spread = Number.isNaN(serverCpuMs) ? 0 : (nodeCpuMs + serverCpuMs) / cores
  return { nodeMs, nodeCpuMs, serverMs, serverCpuMs, floorMs: Math.max(nodeMs, serverMs, spread), cores }
}
