import { z } from 'zod'
import type { OrgScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { LOGO_MAX_BYTES, sanitiseLogo } from './logo.ts'

// base64 of at most 512 kB (4/3 of it, rounded up to whole groups); the decoded size is checked again.
export const ZSetOrgLogoInput = z.object({
  org: ZSlug,
  fileBase64: z.base64({ error: 'The file as base64' }).min(1, { error: 'Choose a PNG or SVG file' }).max(Math.ceil(LOGO_MAX_BYTES / 3) * 4, { error: 'At most 512 kB' }),
})
export const ZOrgLogoInput = z.object({ org: ZSlug })
export const ZOrgLogoOutput = z.object({ width: z.number().nullable(), height: z.number().nullable(), logoUrl: z.string().nullable() })

const dataUri = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`

/**
 * An MSP's logo: validated and sanitised (logo.ts), stored as PNG bytes in the database, and shown in the app header
 * through `logoUrl` (a data URI of the same PNG). New packs draw it; frozen packs keep the logo they were drawn with.
 */
export async function setOrgLogo(scope: OrgScope, actor: Actor, input: unknown): Promise<z.infer<typeof ZOrgLogoOutput>> {
  const { fileBase64 } = ZSetOrgLogoInput.parse(input)
  if (scope.kind !== 'MSP') throw new AppError('BAD_REQUEST', 'org: Only an MSP draws its logo on packs', { fieldErrors: [{ field: 'org', message: 'Only an MSP draws its logo on packs' }] })
  const logo = sanitiseLogo(Buffer.from(fileBase64, 'base64'))
  const logoUrl = dataUri(logo.png)
  await (await db()).$transaction(async (tx) => {
    await tx.organization.update({ where: { id: scope.orgId }, data: { logoPng: new Uint8Array(logo.png), logoWidth: logo.width, logoHeight: logo.height, logoUrl } })
    await recordAudit(tx, { actor, action: 'organization.setLogo', entityType: 'Organization', entityId: scope.orgId, organizationId: scope.orgId, after: { width: logo.width, height: logo.height, bytes: logo.png.length } })
  })
  return { width: logo.width, height: logo.height, logoUrl }
}

export async function removeOrgLogo(scope: OrgScope, actor: Actor): Promise<z.infer<typeof ZOrgLogoOutput>> {
  await (await db()).$transaction(async (tx) => {
    await tx.organization.update({ where: { id: scope.orgId }, data: { logoPng: null, logoWidth: null, logoHeight: null, logoUrl: null } })
    await recordAudit(tx, { actor, action: 'organization.removeLogo', entityType: 'Organization', entityId: scope.orgId, organizationId: scope.orgId })
  })
  return { width: null, height: null, logoUrl: null }
}
