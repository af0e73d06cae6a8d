import { z } from 'zod'
import { ROLES } from '../access/permissions.ts'
import { db } from '../db/client.server.ts'

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  memberships: z.array(z.object({ org: z.object({ slug: z.string(), name: z.string(), kind: z.enum(['MSP', 'CLIENT']) }), role: z.enum(ROLES) })),
})
export type Me = z.infer<typeof ZMe>

export async function getMe(userId: string): Promise<Me> {
  const user = await (await db()).user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, memberships: { select: { role: true, organization: { select: { slug: true, name: true, kind: true } } } } },
  })
  return { id: user.id, email: user.email, name: user.name, memberships: user.memberships.map((m) => ({ org: m.organization, role: m.role })) }
}
