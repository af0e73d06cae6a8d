import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { type SlaPolicy, ZSlaPolicy } from './policy.ts'
import { requestReevaluation } from './stored/reevaluate-verdicts.server.ts'
import { ZGetSlaPolicyInput, ZReplaceSlaPolicyInput, ZSetSlaPolicyInput } from './sla.schemas.ts'

export interface StoredPolicy {
  version: number
  policy: SlaPolicy
  createdAt: string
  createdBy: string
}

/** Validates a policy, naming the field of every problem (`policy.businessHours.mon.1`). */
export function parsePolicy(value: unknown): SlaPolicy {
  const parsed = ZSlaPolicy.safeParse(value)
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues.map((i) => ({ ...i, path: ['policy', ...i.path] })))
    throw new AppError('BAD_REQUEST', fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; '), { fieldErrors })
  }
  return parsed.data
}

function policySavedSince(base: number, current: { version: number; createdByLabel: string; createdAt: Date } | null): AppError {
  const message = current
    ? `baseVersion: version ${current.version} was saved by ${current.createdByLabel} at ${current.createdAt.toISOString()} since you opened version ${base}; review it and save again`
    : `baseVersion: there is no version ${base}; this partnership has no SLA policy yet (0)`
  return new AppError('CONFLICT', message, { fieldErrors: [{ field: 'baseVersion', message }], details: { currentVersion: current?.version ?? 0, savedBy: current?.createdByLabel ?? null, savedAt: current?.createdAt.toISOString() ?? null } })
}

/**
 * A change never rewrites a version: it writes the next one, so reports and frozen packs keep theirs. It is saved
 * only on top of the version its editor started from (`baseVersion`); `replace` (operators, the demo seed) saves on
 * top of whatever is newest.
 */
export async function setSlaPolicy(scope: PartnershipScope, actor: Actor, input: unknown, options: { replace?: boolean } = {}): Promise<StoredPolicy> {
  const { policy: raw, baseVersion } = (options.replace ? ZReplaceSlaPolicyInput : ZSetSlaPolicyInput).parse(input)
  const policy = parsePolicy(raw)
  const prisma = await db()
  const row = await prisma
    .$transaction(async (tx) => {
      const current = await tx.slaPolicy.findFirst({ where: { partnershipId: scope.id }, orderBy: { version: 'desc' } })
      if (baseVersion !== undefined && (current?.version ?? 0) !== baseVersion) throw policySavedSince(baseVersion, current)
      const version = (current?.version ?? 0) + 1
      const created = await tx.slaPolicy.create({
        data: { partnershipId: scope.id, version, name: policy.name, definition: policy as unknown as Prisma.InputJsonValue, createdById: actor.userId, createdByLabel: actor.label },
      })
      const before = (current?.definition ?? null) as Record<string, unknown> | null
      await recordAudit(tx, { actor, action: 'slaPolicy.set', entityType: 'SlaPolicy', entityId: created.id, partnershipId: scope.id, before, after: { ...policy, version } })
      return created
    })
    .catch(async (error: unknown) => {
      // Two saves on the same base at once: both read the same newest version and the second (partnershipId, version)
      // is refused. The second editor's base is stale like any other.
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error
      const current = await prisma.slaPolicy.findFirst({ where: { partnershipId: scope.id }, orderBy: { version: 'desc' } })
      throw policySavedSince(baseVersion ?? (current?.version ?? 1) - 1, current)
    })
  // The stored verdicts follow in the background; reports show the previous version's figures until then (ADR 022).
  await requestReevaluation(scope.id)
  return { version: row.version, policy, createdAt: row.createdAt.toISOString(), createdBy: row.createdByLabel }
}

export async function getSlaPolicy(scope: PartnershipScope, input: unknown = {}): Promise<StoredPolicy | null> {
  const { version } = ZGetSlaPolicyInput.partial({ slug: true }).parse(input)
  const row = await (await db()).slaPolicy.findFirst({
    where: { partnershipId: scope.id, ...(version ? { version } : {}) },
    orderBy: { version: 'desc' },
  })
  if (!row) return null
  return { version: row.version, policy: readStoredPolicy(row.version, row.definition), createdAt: row.createdAt.toISOString(), createdBy: row.createdByLabel }
}

/**
 * A stored definition, checked against today's bounds. A version saved before the bounds existed (say one business
 * minute a week, whose evaluation could block the server for a minute) is refused with a 409 naming `policy` rather
 * than evaluated; saving a corrected version lifts it.
 */
export function readStoredPolicy(version: number, definition: unknown): SlaPolicy {
  const parsed = ZSlaPolicy.safeParse(definition)
  if (parsed.success) return parsed.data
  const fieldErrors = fieldErrorsFromIssues(parsed.error.issues.map((i) => ({ ...i, path: ['policy', ...i.path] })))
  throw new AppError('CONFLICT', `policy: version ${version} no longer passes the policy rules (${fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}); save a corrected version`, {
    fieldErrors,
  })
}

/** The current policy; a 400 naming `policy` when the partnership has none yet (nothing to report against). */
export async function requireSlaPolicy(scope: PartnershipScope): Promise<StoredPolicy> {
  const stored = await getSlaPolicy(scope)
  if (!stored) throw new AppError('BAD_REQUEST', 'policy: this partnership has no SLA policy yet; set one first', { fieldErrors: [{ field: 'policy', message: 'No SLA policy yet' }] })
  return stored
}

export async function listSlaPolicyVersions(scope: PartnershipScope) {
  const rows = await (await db()).slaPolicy.findMany({ where: { partnershipId: scope.id }, orderBy: { version: 'desc' }, select: { version: true, name: true, createdAt: true, createdByLabel: true } })
  return rows.map((r) => ({ version: r.version, name: r.name, createdAt: r.createdAt.toISOString(), createdBy: r.createdByLabel }))
}

export async function getPriorityMappings(scope: PartnershipScope) {
  const rows = await (await db()).priorityMapping.findMany({ where: { partnershipId: scope.id }, orderBy: [{ source: 'asc' }, { sourceName: 'asc' }] })
  const out: Record<string, Record<string, string>> = {}
  for (const r of rows) (out[r.source] ??= {})[r.sourceName] = r.priority
  return out
}
