import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { notFound } from '../errors.ts'
import { type PackVersionDto, ZGetPackVersionInput, ZListPackVersionsInput } from './pack.schemas.ts'
import type { PackSnapshot } from './snapshot.ts'

const COLUMNS = { quarter: true, version: true, asOf: true, generatedByLabel: true, generatedAt: true, sha256: true, byteSize: true, pages: true } as const

export function toPackVersionDto(r: { quarter: string; version: number; asOf: Date; generatedByLabel: string; generatedAt: Date; sha256: string; byteSize: number; pages: number }): PackVersionDto {
  return {
    quarter: r.quarter,
    version: r.version,
    asOf: r.asOf.toISOString(),
    generatedBy: r.generatedByLabel,
    generatedAt: r.generatedAt.toISOString(),
    sha256: r.sha256,
    byteSize: r.byteSize,
    pages: r.pages,
  }
}

/** The frozen versions, newest quarter and version first (metadata only, never the bytes). */
export async function listPackVersions(scope: PartnershipScope, input: unknown): Promise<PackVersionDto[]> {
  const { quarter } = ZListPackVersionsInput.parse(input)
  const rows = await (await db()).packVersion.findMany({
    where: { partnershipId: scope.id, ...(quarter ? { quarter } : {}) },
    orderBy: [{ quarter: 'desc' }, { version: 'desc' }],
    select: COLUMNS,
  })
  return rows.map(toPackVersionDto)
}

/** One stored version's PDF bytes, exactly as frozen. */
export async function getPackPdf(scope: PartnershipScope, input: unknown): Promise<{ version: PackVersionDto; pdf: Uint8Array }> {
  const { quarter, version } = ZGetPackVersionInput.parse(input)
  const row = await (await db()).packVersion.findFirst({ where: { partnershipId: scope.id, quarter, version }, select: { ...COLUMNS, pdf: true } })
  if (!row) throw notFound('Pack version')
  return { version: toPackVersionDto(row), pdf: row.pdf }
}

/** One stored version's snapshot (the presentation view draws from it). */
export async function getPackSnapshot(scope: PartnershipScope, input: unknown): Promise<{ version: PackVersionDto; snapshot: PackSnapshot }> {
  const { quarter, version } = ZGetPackVersionInput.parse(input)
  const row = await (await db()).packVersion.findFirst({ where: { partnershipId: scope.id, quarter, version }, select: { ...COLUMNS, snapshot: true } })
  if (!row) throw notFound('Pack version')
  return { version: toPackVersionDto(row), snapshot: row.snapshot as unknown as PackSnapshot }
}
