import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { AppError } from '../errors.ts'
import { connectionView, credentialAad } from './connection-store.server.ts'
import { CREDENTIAL_FIELDS, CREDENTIAL_SCHEMAS, ZSaveConnectionInput } from './connector.schemas.ts'
import { UnsafeUrlError, checkUrlShape } from '../net/safe-url.server.ts'
import { psaOutboundPolicy } from './outbound-policy.server.ts'
import { sealSecret } from './secret-box.server.ts'
import { DEFAULT_BASE_URL, type PsaKind } from './types.ts'

function hint(kind: PsaKind, credentials: Record<string, string>): string {
  switch (kind) {
    case 'connectwise':
      return `company ${credentials.companyId}, public key …${credentials.publicKey.slice(-4)}`
    case 'autotask':
      return `API user ${credentials.username}`
    case 'halopsa':
      return `client ${credentials.clientId}${credentials.tenant ? ` (tenant ${credentials.tenant})` : ''}`
  }
}

/**
 * Creates or updates the partnership's PSA connection. Credentials are sealed with AES-256-GCM before they reach
 * the database; an update without credentials keeps the stored ones (unless the kind changes). Changing the kind
 * or the base URL starts the next sync from scratch, since the cursor belongs to the old source.
 */
/** The URLs a connection would call, refused early by the SSRF rule's checks that need no network (issue 13, D6). */
function checkUrls(data: { baseUrl: string | null; settings: { authServer?: string } }) {
  const policy = psaOutboundPolicy()
  for (const [field, url] of [['baseUrl', data.baseUrl], ['settings.authServer', data.settings.authServer]] as const) {
    if (!url) continue
    try {
      checkUrlShape(url, policy)
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error
      throw new AppError('BAD_REQUEST', `${field}: ${error.message}`, { fieldErrors: [{ field, message: `The URL ${error.message}` }] })
    }
  }
}

/** Where the stored credentials would be sent: the origins of the base URL and of a separate auth server. */
function credentialOrigins(c: { kind: string; baseUrl: string | null; settings: unknown }): string {
  const base = c.baseUrl ?? DEFAULT_BASE_URL[c.kind as PsaKind]
  const auth = (c.settings as { authServer?: string } | null)?.authServer
  return [base, auth].map((u) => (u ? new URL(u).origin : '')).join(' ')
}

export async function saveConnection(scope: PartnershipScope, actor: Actor, input: unknown) {
  const data = ZSaveConnectionInput.parse(input)
  checkUrls(data)
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const before = await tx.psaConnection.findUnique({ where: { partnershipId: scope.id } })
    // Another PSA, host or set of companies: the cursor belongs to the old source, so the next sync starts over.
    const sameSource = before && before.kind === data.kind && before.baseUrl === data.baseUrl && [...before.companyIds].sort().join() === [...data.companies].sort().join()
    if (!data.credentials && (!before || before.kind !== data.kind)) {
      throw new AppError('BAD_REQUEST', 'credentials: required for a new connection or a different PSA', {
        fieldErrors: CREDENTIAL_FIELDS[data.kind].filter((f) => f !== 'tenant').map((f) => ({ field: `credentials.${f}`, message: 'Required' })),
      })
    }
    // The stored credentials go to the host they were entered for: pointing the connection at another host asks
    // for them again, or saving a URL would send them to whoever answers there (issue 13, D6).
    if (!data.credentials && before && credentialOrigins(before) !== credentialOrigins(data)) {
      throw new AppError('BAD_REQUEST', 'credentials: enter the credentials again to use them with another host', {
        fieldErrors: CREDENTIAL_FIELDS[data.kind].filter((f) => f !== 'tenant').map((f) => ({ field: `credentials.${f}`, message: 'Enter again for the new host' })),
      })
    }
    // Another status map changes what stored tickets' statuses and histories mean. With every stored ticket's history
    // kept, the next sync recomputes them from it (no PSA calls); a ticket stored without one (before histories
    // were kept) can only be read again, so then the next sync starts over and reads every history again.
    const sameStatuses = before && JSON.stringify(before.statusMap ?? {}) === JSON.stringify(data.statusMap)
    const withoutHistory = before && sameSource && !sameStatuses ? await tx.ticket.count({ where: { partnershipId: scope.id, source: before.kind, statusSource: { equals: Prisma.DbNull } } }) : 0
    const recompute = Boolean(before && sameSource && !sameStatuses && withoutHistory === 0)
    const secrets = data.credentials ? (CREDENTIAL_SCHEMAS[data.kind].parse(data.credentials) as Record<string, string>) : null
    const fields = {
      kind: data.kind,
      baseUrl: data.baseUrl,
      companyIds: data.companies,
      priorityMap: Object.fromEntries(Object.entries(data.priorityMap).map(([k, v]) => [k.trim().toLowerCase(), v])),
      escalation: data.escalation,
      statusMap: data.statusMap,
      settings: data.settings,
      syncEveryMinutes: data.syncEveryMinutes,
      enabled: data.enabled,
      ...(secrets ? { credentials: sealSecret(secrets, credentialAad(scope.id, data.kind)), credentialHint: hint(data.kind, secrets) } : {}),
      ...(sameSource && (sameStatuses || recompute) ? {} : { cursorUpdatedAt: null, cursorId: null, resume: Prisma.DbNull }),
      ...(recompute ? { statusMapChangedAt: new Date() } : {}),
    }
    const saved = before
      ? await tx.psaConnection.update({ where: { partnershipId: scope.id }, data: fields })
      : await tx.psaConnection.create({ data: { ...fields, partnershipId: scope.id, credentials: fields.credentials!, credentialHint: fields.credentialHint! } })
    const audited = (c: typeof saved | null) => (c ? { ...connectionView(c), credentials: c.credentialHint, cursor: undefined, updatedAt: undefined, lastTest: undefined } : null)
    await recordAudit(tx, {
      actor,
      action: before ? 'psaConnection.update' : 'psaConnection.create',
      entityType: 'PsaConnection',
      entityId: saved.id,
      partnershipId: scope.id,
      before: audited(before),
      after: { ...audited(saved), ...(secrets && before ? { credentials: `${saved.credentialHint} (replaced)` } : {}) },
    })
    return connectionView(saved)
  })
}
