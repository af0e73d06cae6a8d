import type { OrgScope } from '../access/policy.server.ts'
import { type ServiceKpiRates, serviceKpiRates } from './service-kpi-rates.server.ts'
import { quarterLabel } from '../../app/utils/labels.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { parsedPolicyVersion } from '../sla/stored/verdict-policy.server.ts'
import { atRiskCounts } from './at-risk-counts.server.ts'
import { type PortfolioListInput, type Portfolio, type PortfolioRow, ZPortfolioListInput } from './portfolio.schemas.ts'
import { matches, sortRows } from './portfolio-table.ts'
import { nextQbr } from './qbr-cadence.ts'
import { portfolioPeriods, quarterOf } from './quarters.ts'
import { type AttainmentByPartnership, attainmentByPartnership } from './sla-figures.server.ts'
import { serviceKpis } from './service-kpis.server.ts'

/** The portfolio is the MSP's view of its clients; a client organization sees its own picture (/org/<slug>/overview). */
const NO_RATES: ServiceKpiRates = { reopenRate: null, firstContactRate: null, incidentsPer100Users: null, proactiveShare: null }

export function requireMspScope(scope: OrgScope): void {
  if (scope.kind !== 'MSP') throw new AppError('FORBIDDEN', 'The portfolio is for MSP staff; a client sees its own overview')
}

/**
 * A row per partnership of the caller's MSP (the access policy lets an MSP member see every partnership of its MSP):
 * SLA attainment now and last quarter with six months of trend, breaches, at-risk tickets, service KPIs, the QBR
 * cadence, open approvals and action items, and the last pack. Each figure is read for all partnerships at once
 * (a query per kind of figure, never one per partnership), so the page costs the same few queries at 5 or 500 rows.
 */
export async function listPortfolio(scope: OrgScope, input: PortfolioListInput, options: { now?: Date; slaFigures?: AttainmentByPartnership } = {}): Promise<Portfolio> {
  requireMspScope(scope)
  const parsed = ZPortfolioListInput.parse(input)
  const now = options.now ?? new Date()
  const asOf = parsed.asOf ? new Date(parsed.asOf) : now
  const quarter = parsed.quarter ?? quarterOf(asOf)
  const periods = portfolioPeriods(quarter)
  const prisma = await db()
  const [msp, partnerships, owners] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: scope.orgId }, select: { slug: true, name: true } }),
    prisma.partnership.findMany({
      where: { mspOrgId: scope.orgId },
      select: { id: true, slug: true, createdAt: true, qbrCadenceMonths: true, fiscalYearStartMonth: true, clientOrg: { select: { name: true, slug: true, headcount: true } }, owner: { select: { id: true, name: true } } },
    }),
    prisma.membership.findMany({
      where: { organizationId: scope.orgId, role: { in: ['ACCOUNT_MANAGER', 'MSP_ADMIN'] } },
      select: { user: { select: { id: true, name: true } } },
      orderBy: { user: { name: 'asc' } },
    }),
  ])
  const ids = partnerships.map((p) => p.id)
  const figures = options.slaFigures ?? attainmentByPartnership
  const headcounts = new Map(partnerships.map((p) => [p.id, p.clientOrg.headcount]))
  const policiesRead = prisma.slaPolicy.findMany({
    where: { partnershipId: { in: ids } },
    orderBy: [{ partnershipId: 'asc' }, { version: 'desc' }],
    distinct: ['partnershipId'],
    select: { partnershipId: true, version: true, definition: true },
  })
  const [sla, kpis, atRisk, qbrs, actions, awaiting, packs, rates] = await Promise.all([
    figures(ids, [periods.current, periods.previous, ...periods.months], asOf),
    serviceKpis(ids, periods.current.from, periods.current.to, asOf),
    // The at-risk counts need the newest policies: read them first, then count beside the other figures.
    // Parsed once per (partnership, version) and kept: zod over 500 policies was 40–60 ms of every request.
    policiesRead.then((list) => atRiskCounts(new Map(list.map((p) => [p.partnershipId, { policy: parsedPolicyVersion(p.partnershipId, p.version, p.definition), version: p.version }])), asOf)),
    prisma.qbr.findMany({ where: { partnershipId: { in: ids }, deletedAt: null }, select: { partnershipId: true, status: true, startsAt: true } }),
    prisma.qbrActionItem.groupBy({
      by: ['partnershipId'],
      where: { partnershipId: { in: ids }, deletedAt: null, status: { in: ['OPEN', 'IN_PROGRESS'] }, dueDate: { lt: asOf } },
      _count: { _all: true },
    }),
    prisma.roadmapItem.findMany({
      where: { partnershipId: { in: ids }, deletedAt: null, status: 'PROPOSED' },
      select: { partnershipId: true, mspApprovedAt: true, clientApprovedAt: true },
    }),
    prisma.packVersion.groupBy({ by: ['partnershipId'], where: { partnershipId: { in: ids } }, _max: { generatedAt: true } }),
    serviceKpiRates(ids, headcounts, periods.current.from, periods.current.to, asOf),
  ])
  const actionsOf = new Map(actions.map((a) => [a.partnershipId, a._count._all]))
  const packOf = new Map(packs.map((p) => [p.partnershipId, p._max.generatedAt]))
  const qbrsOf = groupBy(qbrs)
  const awaitingOf = groupBy(awaiting)

  const rows: PortfolioRow[] = partnerships.map((p) => {
    const s = sla.get(p.id)
    const k = kpis.get(p.id)
    const waiting = awaitingOf.get(p.id) ?? []
    return {
      slug: p.slug,
      client: p.clientOrg.name,
      clientSlug: p.clientOrg.slug,
      owner: p.owner,
      qbrCadenceMonths: p.qbrCadenceMonths,
      fiscalQuarter: p.fiscalYearStartMonth === 1 ? null : quarterLabel(periods.current.key, p.fiscalYearStartMonth),
      attainment: {
        now: { response: s?.get(periods.current.key)?.response.attainment ?? null, resolution: s?.get(periods.current.key)?.resolution.attainment ?? null },
        prev: { response: s?.get(periods.previous.key)?.response.attainment ?? null, resolution: s?.get(periods.previous.key)?.resolution.attainment ?? null },
      },
      sparkline: periods.months.map((m) => ({ month: m.key, response: s?.get(m.key)?.response.attainment ?? null, resolution: s?.get(m.key)?.resolution.attainment ?? null })),
      breaches: s?.get(periods.current.key)?.breaches ?? 0,
      atRisk: atRisk.get(p.id) ?? 0,
      escalationRate: k?.escalationRate ?? null,
      csat: k?.csatAverage ?? null,
      keyPersonShare: k?.keyPersonShare ?? null,
      ...(rates.get(p.id) ?? NO_RATES),
      nextQbr: nextQbr(p.qbrCadenceMonths, qbrsOf.get(p.id) ?? [], p.createdAt, asOf),
      overdueActions: actionsOf.get(p.id) ?? 0,
      awaiting: { msp: waiting.filter((a) => !a.mspApprovedAt).length, client: waiting.filter((a) => !a.clientApprovedAt).length },
      lastPack: packOf.get(p.id)?.toISOString() ?? null,
    }
  })
  const owned = parsed.owner ? rows.filter((r) => (parsed.owner === 'none' ? r.owner === null : r.owner?.id === parsed.owner)) : rows
  const filtered = owned.filter((r) => parsed.filters.every((f) => matches(r, f)))
  return {
    msp,
    quarter,
    previousQuarter: periods.previous.key,
    asOf: asOf.toISOString(),
    owners: owners.map((o) => o.user),
    total: rows.length,
    rows: sortRows(filtered, parsed.sort, parsed.dir),
  }
}

function groupBy<T extends { partnershipId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const r of rows) {
    const list = out.get(r.partnershipId)
    if (list) list.push(r)
    else out.set(r.partnershipId, [r])
  }
  return out
}
