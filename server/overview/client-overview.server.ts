import type { OrgScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { quarterIndex, quarterName, quartersBetween, rollUpBudget } from '../roadmap/budget.ts'
import { currentQuarter } from '../roadmap/roadmap-budget.server.ts'
import { parsePolicy } from '../sla/sla-policies.server.ts'
import { raciAcrossMsps } from './raci-check.ts'
import { compareSlas } from './sla-compare.ts'

/**
 * A client organization's whole picture across its MSPs: one roadmap and one budget (each item marked with its
 * MSP), the responsibility matrix with its accountability check, and the MSPs' SLA targets side by side. Only the
 * client's own members reach it (requireOrgScope: a non-member gets 404); an MSP sees its own partnership pages.
 */
export async function clientOverview(scope: OrgScope, now = new Date()) {
  if (scope.kind !== 'CLIENT') throw new AppError('FORBIDDEN', 'The overview is a client organization’s; an MSP has its portfolio')
  const prisma = await db()
  const [org, partnerships] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true, name: true } }),
    prisma.partnership.findMany({
      where: { clientOrgId: scope.orgId },
      select: { id: true, slug: true, mspOrg: { select: { name: true } } },
      orderBy: { mspOrg: { name: 'asc' } },
    }),
  ])
  const ids = partnerships.map((p) => p.id)
  const mspOf = new Map(partnerships.map((p) => [p.id, p.mspOrg.name]))
  const slugOf = new Map(partnerships.map((p) => [p.id, p.slug]))
  const [items, functions, policies] = await Promise.all([
    prisma.roadmapItem.findMany({
      where: { partnershipId: { in: ids }, deletedAt: null },
      select: { id: true, partnershipId: true, title: true, status: true, targetQuarter: true, priority: true, oneTimeCents: true, recurringCents: true, recurringPeriod: true, currency: true, mspApprovedAt: true, clientApprovedAt: true },
      orderBy: [{ targetQuarter: { sort: 'asc', nulls: 'last' } }, { title: 'asc' }],
    }),
    prisma.responsibilityFunction.findMany({
      where: { partnershipId: { in: ids }, deletedAt: null },
      select: { partnershipId: true, category: true, name: true, mspRaci: true, clientRaci: true },
    }),
    prisma.slaPolicy.findMany({
      where: { partnershipId: { in: ids } },
      orderBy: [{ partnershipId: 'asc' }, { version: 'desc' }],
      distinct: ['partnershipId'],
      select: { partnershipId: true, definition: true },
    }),
  ])
  const from = currentQuarter(now)
  const horizon = quartersBetween(from, quarterName(quarterIndex(from) + 3))
  const policyOf = new Map(policies.map((p) => [p.partnershipId, parsePolicy(p.definition)]))
  return {
    org,
    msps: partnerships.map((p) => ({ name: p.mspOrg.name, slug: p.slug })),
    roadmap: items.map((i) => ({
      id: i.id,
      msp: mspOf.get(i.partnershipId)!,
      partnership: slugOf.get(i.partnershipId)!,
      title: i.title,
      status: i.status,
      targetQuarter: i.targetQuarter,
      priority: i.priority,
      currency: i.currency,
      oneTimeCents: Number(i.oneTimeCents),
      recurringCents: Number(i.recurringCents),
      recurringPeriod: i.recurringPeriod,
      approved: { msp: i.mspApprovedAt !== null, client: i.clientApprovedAt !== null },
    })),
    budget: { horizon, rollups: rollUpBudget(items, horizon) },
    raci: raciAcrossMsps(functions.map((f) => ({ msp: mspOf.get(f.partnershipId)!, category: f.category, name: f.name, mspRaci: f.mspRaci, clientRaci: f.clientRaci }))),
    slas: compareSlas(partnerships.map((p) => ({ msp: p.mspOrg.name, policy: policyOf.get(p.id) ?? null }))),
  }
}

export type ClientOverview = Awaited<ReturnType<typeof clientOverview>>
