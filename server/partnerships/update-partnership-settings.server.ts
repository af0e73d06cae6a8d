import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, badRequest } from '../errors.ts'
import { getPartnershipSettings } from './get-partnership-settings.server.ts'
import { type PartnershipSettings, ZUpdatePartnershipSettingsInput } from './partnership-settings.schemas.ts'

/**
 * Sets the QBR cadence, the MSP's account manager and the fiscal year start month (ADR 023 addendum). Based on the
 * version the caller read: a change in between is a 409 with the current settings, never silently overwritten.
 */
export async function updatePartnershipSettings(scope: PartnershipScope, actor: Actor, input: unknown): Promise<PartnershipSettings> {
  const { baseVersion, qbrCadenceMonths, ownerUserId, fiscalYearStartMonth } = ZUpdatePartnershipSettingsInput.parse(input)
  await (await db()).$transaction(async (tx) => {
    if (ownerUserId) {
      const member = await tx.membership.count({ where: { userId: ownerUserId, organizationId: scope.mspOrgId } })
      if (!member) throw badRequest('ownerUserId', 'Not a member of the MSP')
    }
    const before = await tx.partnership.findUniqueOrThrow({ where: { id: scope.id }, select: { qbrCadenceMonths: true, ownerUserId: true, fiscalYearStartMonth: true, settingsVersion: true } })
    const written = await tx.partnership.updateMany({
      where: { id: scope.id, settingsVersion: baseVersion },
      data: { qbrCadenceMonths, ownerUserId, fiscalYearStartMonth, settingsVersion: { increment: 1 } },
    })
    if (written.count === 0) {
      throw new AppError('CONFLICT', `The settings changed since you opened them (version ${before.settingsVersion}, yours ${baseVersion}): review them and save again`, {
        details: { currentVersion: before.settingsVersion },
      })
    }
    const { settingsVersion: _, ...was } = before
    await recordAudit(tx, {
      actor,
      action: 'partnership.updateSettings',
      entityType: 'Partnership',
      entityId: scope.id,
      partnershipId: scope.id,
      before: was,
      after: { qbrCadenceMonths, ownerUserId, fiscalYearStartMonth },
    })
  })
  return getPartnershipSettings(scope)
}
