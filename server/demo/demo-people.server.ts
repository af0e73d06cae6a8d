import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'

export interface DemoPerson {
  name: string
  email: string
  actor: Actor
}

/**
 * The people a partnership's demo content names: its MSP's account lead, and its client's executive and IT lead
 * (the executive again where the client has no IT member). Drawn from the partnership's own two organizations,
 * so a client's workspace never names someone of another MSP or another client.
 */
export async function demoPeople(scope: Pick<PartnershipScope, 'mspOrgId' | 'clientOrgId'>): Promise<{ msp: DemoPerson; client: DemoPerson; clientIt: DemoPerson }> {
  const members = await (await db()).membership.findMany({
    where: { organizationId: { in: [scope.mspOrgId, scope.clientOrgId] } },
    select: { organizationId: true, role: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: 'asc' },
  })
  const pick = (orgId: string, roles: string[]) => {
    for (const role of roles) {
      const m = members.find((x) => x.organizationId === orgId && x.role === role)
      if (m) return { name: m.user.name, email: m.user.email, actor: { userId: m.user.id, label: `${m.user.name} <${m.user.email}>` } }
    }
    throw new Error(`The demo partnership has no member with role ${roles.join(' or ')}`)
  }
  return {
    msp: pick(scope.mspOrgId, ['ACCOUNT_MANAGER', 'MSP_ADMIN']),
    client: pick(scope.clientOrgId, ['CLIENT_EXECUTIVE', 'CLIENT_IT']),
    clientIt: pick(scope.clientOrgId, ['CLIENT_IT', 'CLIENT_EXECUTIVE']),
  }
}
