import { z } from 'zod'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { seedStarterStandards } from '../standards/seed-starter-standards.server.ts'

export const ZCreateOrganizationInput = z.object({
  kind: z.enum(['MSP', 'CLIENT'], { error: 'Choose MSP or CLIENT' }),
  slug: ZSlug,
  name: z.string().trim().min(1, { error: 'Enter a name' }).max(120),
  logoUrl: z.url().max(500).optional(),
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Use a colour like #1f6feb' })
    .optional(),
})

/** Operator action (the `accord` CLI). */
export async function createOrganization(actor: Actor, input: unknown) {
  const data = ZCreateOrganizationInput.parse(input)
  return (await db()).$transaction(async (tx) => {
    if (await tx.organization.findUnique({ where: { slug: data.slug } })) {
      throw new AppError('CONFLICT', `slug: "${data.slug}" is taken`, { fieldErrors: [{ field: 'slug', message: 'Already taken' }] })
    }
    const org = await tx.organization.create({ data })
    // A new MSP starts with the starter standards library, which it then makes its own (ADR 025).
    if (org.kind === 'MSP') await seedStarterStandards(tx, org.id)
    await recordAudit(tx, { actor, action: 'organization.create', entityType: 'Organization', entityId: org.id, organizationId: org.id, after: data })
    return org
  })
}
