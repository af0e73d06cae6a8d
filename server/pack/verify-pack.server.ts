import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { sha256Hex } from './generate-pack.server.ts'
import { toPackVersionDto } from './list-pack-versions.server.ts'
import { ZVerifyPackInput } from './pack.schemas.ts'

/** Whether a file (or its SHA-256) is one of this partnership's frozen packs, and which. */
export async function verifyPack(scope: PartnershipScope, input: unknown) {
  const parsed = ZVerifyPackInput.parse(input)
  const sha256 = parsed.sha256 ?? sha256Hex(Buffer.from(parsed.fileBase64!, 'base64'))
  const row = await (await db()).packVersion.findFirst({
    where: { partnershipId: scope.id, sha256 },
    orderBy: [{ quarter: 'asc' }, { version: 'asc' }],
    select: { quarter: true, version: true, asOf: true, generatedByLabel: true, generatedAt: true, sha256: true, byteSize: true, pages: true },
  })
  return { sha256, match: row ? toPackVersionDto(row) : null }
}
