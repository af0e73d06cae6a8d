import { z } from 'zod'
import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'

export const ZOrgBranding = z.object({
  org: z.object({ slug: z.string(), name: z.string(), kind: z.enum(['MSP', 'CLIENT']) }),
  logoUrl: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
})

/** The organization's logo as stored (for its branding page). */
export async function getOrgBranding(scope: OrgScope): Promise<z.infer<typeof ZOrgBranding>> {
  const o = await (await db()).organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true, name: true, kind: true, logoUrl: true, logoPng: true, logoWidth: true, logoHeight: true } })
  return { org: { slug: o.slug, name: o.name, kind: o.kind }, logoUrl: o.logoPng ? o.logoUrl : null, width: o.logoWidth, height: o.logoHeight }
}
