import { bumpPartnership, clearNamedCache } from '../cache/short-cache.ts'
import type { Tx } from '../db/client.server.ts'
import type { Prisma } from '../db/generated/client.ts'
import type { Permission } from '../access/permissions.ts'

export interface Actor {
  userId: string | null
  /** Shown in the audit log: the user's name and email, or `cli` for operator commands. */
  label: string
}

/** A user as the actor of a write: the signed-in caller, or the user a background job acts for. */
export const userActor = (user: { id: string; name: string; email: string }): Actor & { userId: string } => ({ userId: user.id, label: `${user.name} <${user.email}>` })

export type AuditChanges = Record<string, { before: unknown; after: unknown }>

type Plain = Record<string, unknown>

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value
}

/** The fields that differ between two versions of a record; a created record has before=null for each field. */
export function changedFields(before: Plain | null, after: Plain | null): AuditChanges {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const changes: AuditChanges = {}
  for (const key of keys) {
    const a = comparable(before?.[key] ?? null)
    const b = comparable(after?.[key] ?? null)
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b }
  }
  return changes
}

export interface AuditInput {
  actor: Actor
  action: string
  entityType: string
  entityId: string
  organizationId?: string | null
  partnershipId?: string | null
  before?: Plain | null
  after?: Plain | null
  /** Who may read the event; by default what its entity's own page needs (see `auditReadPermission`). */
  readPermission?: Permission
}

// An event is readable by whoever may read the entity it is about (issue 13, D16): the audit log of a partnership
// is shared by both parties, but the PSA connection and its syncs are the MSP's, so the client must not read
// their settings through the log.
const ENTITY_READ_PERMISSION: Readonly<Record<string, Permission>> = {
  PsaConnection: 'connector.read',
  SyncRun: 'connector.read',
  // Drafts of an assessment are the MSP's working notes: the client reads assessments once reviewed (ADR 025).
  Assessment: 'assessment.answer',
  AssessmentAnswer: 'assessment.answer',
}

export function auditReadPermission(entityType: string): Permission {
  return ENTITY_READ_PERMISSION[entityType] ?? 'audit.read'
}

/** Records a write in the same transaction as the write itself, so neither exists without the other. */
export async function recordAudit(tx: Tx, input: AuditInput): Promise<void> {
  // Cached reads of this partnership, and cached access scopes after membership changes, are stale now.
  if (input.partnershipId) bumpPartnership(input.partnershipId)
  if (input.entityType === 'Membership' || input.entityType === 'Partnership') clearNamedCache('scopes')
  await tx.auditEvent.create({
    data: {
      organizationId: input.organizationId ?? null,
      partnershipId: input.partnershipId ?? null,
      actorUserId: input.actor.userId,
      actorLabel: input.actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      changes: changedFields(input.before ?? null, input.after ?? null) as Prisma.InputJsonValue,
      readPermission: input.readPermission ?? auditReadPermission(input.entityType),
    },
  })
}
