import type { PartnershipScope } from '../access/policy.server.ts'
import type { Actor } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { recordCreation } from '../workspace/versioned-update.server.ts'
import { STARTER_TEMPLATE } from './template.ts'

/** Adds the starter functions the partnership does not have yet (by name); running it twice adds nothing. */
export async function applyStarterTemplate(scope: PartnershipScope, actor: Actor): Promise<{ added: number }> {
  const prisma = await db()
  return prisma.$transaction(
    async (tx) => {
      const existing = new Set(
        (await tx.responsibilityFunction.findMany({ where: { partnershipId: scope.id, deletedAt: null }, select: { name: true } })).map((r) => r.name.toLowerCase()),
      )
      let added = 0
      for (const [index, row] of STARTER_TEMPLATE.entries()) {
        if (existing.has(row.name.toLowerCase())) continue
        const data = { slaPriorities: [], queues: [], notes: '', ...row, sortOrder: (index + 1) * 10 }
        const created = await tx.responsibilityFunction.create({ data: { ...data, partnershipId: scope.id } })
        await recordCreation(tx, scope, actor, 'ResponsibilityFunction', created.id, data)
        added++
      }
      return { added }
    },
    { timeout: 30_000 },
  )
}
