import { z } from 'zod'
import { rolesForKind } from '../access/permissions.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { hashPassword } from '../auth/password.server.ts'
import { ZEmail, ZPassword } from '../auth/schemas.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZRole } from '../members/members.schemas.ts'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, { error: 'Enter a name' }).max(120),
  org: ZSlug,
  role: ZRole,
  password: ZPassword,
})

/** Operator action (the `accord` CLI): a user with a password and a membership in one organization. */
export async function createUser(actor: Actor, input: unknown) {
  const { email, name, org, role, password } = ZCreateUserInput.parse(input)
  const prisma = await db()
  const organization = await prisma.organization.findUnique({ where: { slug: org } })
  if (!organization) throw new AppError('BAD_REQUEST', `org: no organization "${org}"`, { fieldErrors: [{ field: 'org', message: 'No such organization' }] })
  if (!rolesForKind(organization.kind).includes(role)) {
    throw new AppError('BAD_REQUEST', `role: ${role} is not a role in an ${organization.kind} organization`, {
      fieldErrors: [{ field: 'role', message: `Choose one of ${rolesForKind(organization.kind).join(', ')}` }],
    })
  }
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email } })) {
      throw new AppError('CONFLICT', `email: ${email} already has an account`, { fieldErrors: [{ field: 'email', message: 'Already registered' }] })
    }
    const user = await tx.user.create({ data: { email, name, passwordHash } })
    await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role } })
    await recordAudit(tx, { actor, action: 'member.create', entityType: 'Membership', entityId: user.id, organizationId: organization.id, after: { email, name, role } })
    return user
  })
}
