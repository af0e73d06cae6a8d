import fs from 'node:fs'
import path from 'node:path'
import { unsafeOperatorScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { generatePack } from './generate-pack.server.ts'
import { getPackPdf } from './list-pack-versions.server.ts'
import type { PackVersionDto } from './pack.schemas.ts'

export interface BatchResult {
  slug: string
  file: string | null
  version: PackVersionDto | null
  error: string | null
  ms: number
}

/**
 * Operator batch (the CLI): a frozen pack for every partnership of an MSP, one after another so that memory stays
 * flat (each PDF is written out and dropped before the next), into `outDir` as <slug>-<quarter>.pdf. A partnership
 * that cannot have a pack (no SLA policy) is reported and skipped; the others go on.
 */
export async function generatePacksForMsp(
  actor: Actor,
  options: { msp: string; quarter: string; asOf?: string; outDir: string; onPartnership?: (done: number, total: number, result: BatchResult) => void },
): Promise<BatchResult[]> {
  const prisma = await db()
  const msp = await prisma.organization.findFirst({ where: { slug: options.msp, kind: 'MSP' }, select: { id: true } })
  if (!msp) throw new AppError('BAD_REQUEST', `msp: no MSP "${options.msp}"`, { fieldErrors: [{ field: 'msp', message: 'No such MSP' }] })
  const partnerships = await prisma.partnership.findMany({ where: { mspOrgId: msp.id }, orderBy: { slug: 'asc' }, select: { slug: true } })
  fs.mkdirSync(options.outDir, { recursive: true })
  const results: BatchResult[] = []
  for (const [i, { slug }] of partnerships.entries()) {
    const started = performance.now()
    let result: BatchResult
    try {
      const file = path.join(options.outDir, `${slug}-${options.quarter}.pdf`)
      const version = await writePack(actor, { slug, quarter: options.quarter, asOf: options.asOf }, file)
      result = { slug, file, version, error: null, ms: performance.now() - started }
    } catch (error) {
      if (!(error instanceof AppError) && !(error instanceof Error && error.name === 'ZodError')) throw error
      result = { slug, file: null, version: null, error: error.message, ms: performance.now() - started }
    }
    results.push(result)
    options.onPartnership?.(i + 1, partnerships.length, result)
  }
  return results
}

/** One partnership's pack, frozen as a new version and written to `file` exactly as stored. */
export async function writePack(actor: Actor, input: { slug: string; quarter: string; asOf?: string }, file: string, onProgress?: (stage: string, done: number, total: number) => void) {
  const scope = await unsafeOperatorScope(input.slug)
  const version = await generatePack(scope, actor, input, { onProgress })
  const { pdf } = await getPackPdf(scope, { slug: input.slug, quarter: version.quarter, version: version.version })
  fs.writeFileSync(file, pdf)
  return version
}
