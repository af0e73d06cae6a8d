import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { clearNamedCache } from '../cache/short-cache.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { ZConfirmMfaInput, ZDisableMfaInput } from './mfa.schemas.ts'
import { verifySecondFactor } from './mfa-verify.server.ts'
import { RECOVERY_CODE_COUNT, hashRecoveryCode, matchingStep, newRecoveryCode, newTotpSecret, openTotpSecret, otpauthUri, qrCodeSvg, sealTotpSecret } from './totp.server.ts'

type Me = Actor & { userId: string }

const invalid = (issues: Parameters<typeof fieldErrorsFromIssues>[0]) =>
  new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(issues) })

/** Who must enrol is cached with sessions (2 s); enrolling or removing MFA forgets it at once. */
export const forgetMfaDue = () => clearNamedCache('mfaDue')

/**
 * Starts (or restarts) enrolment: a new secret, sealed, not yet in force. Refused while MFA is on: removing it
 * takes a code, so a stolen session cannot swap the authenticator silently.
 */
export async function startMfaEnrolment(me: Me, email: string) {
  const prisma = await db()
  const existing = await prisma.totpFactor.findUnique({ where: { userId: me.userId }, select: { confirmedAt: true } })
  if (existing?.confirmedAt) throw new AppError('CONFLICT', 'Two-step sign-in is already on; remove it first to set up another app')
  const secret = newTotpSecret()
  const sealedSecret = sealTotpSecret(me.userId, secret)
  await prisma.totpFactor.upsert({
    where: { userId: me.userId },
    create: { userId: me.userId, sealedSecret },
    update: { sealedSecret, lastStep: null, confirmedAt: null },
  })
  const uri = otpauthUri(secret, email)
  return { uri, secret, qrSvg: await qrCodeSvg(uri) }
}

/** An enrolment started and not yet confirmed, shown again until it is (or null). */
export async function getPendingEnrolment(userId: string, email: string) {
  const factor = await (await db()).totpFactor.findUnique({ where: { userId } })
  if (!factor || factor.confirmedAt) return null
  const secret = openTotpSecret(userId, factor.sealedSecret)
  const uri = otpauthUri(secret, email)
  return { uri, secret, qrSvg: await qrCodeSvg(uri) }
}

/** Confirms enrolment with a code from the app; returns the 10 recovery codes, shown this once. */
export async function confirmMfaEnrolment(me: Me, input: unknown, now = new Date()) {
  const parsed = ZConfirmMfaInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const prisma = await db()
  const factor = await prisma.totpFactor.findUnique({ where: { userId: me.userId } })
  if (!factor) throw new AppError('CONFLICT', 'Start the set-up first')
  if (factor.confirmedAt) throw new AppError('CONFLICT', 'Two-step sign-in is already on')
  const step = matchingStep(openTotpSecret(me.userId, factor.sealedSecret), parsed.data.code, now)
  if (step === null) {
    throw new AppError('BAD_REQUEST', 'That code is not right: check the time on your phone and try the next one', {
      fieldErrors: [{ field: 'code', message: 'That code is not right' }],
    })
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.updateMany({
      where: { userId: me.userId, sealedSecret: factor.sealedSecret, confirmedAt: null },
      data: { confirmedAt: now, lastStep: step },
    })
    if (count === 0) throw new AppError('CONFLICT', 'The set-up changed meanwhile; start again')
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: me.userId } })
    await tx.mfaRecoveryCode.createMany({ data: codes.map((c) => ({ userId: me.userId, codeHash: hashRecoveryCode(c) })) })
    await recordAudit(tx, { actor: me, action: 'mfa.enable', entityType: 'User', entityId: me.userId, after: { mfa: 'totp', recoveryCodes: codes.length } })
  })
  forgetMfaDue()
  return { recoveryCodes: codes }
}

/** The user removes their own MFA, proving it with a current code or a recovery code. */
export async function disableMfa(me: Me, input: unknown, now = new Date()) {
  const parsed = ZDisableMfaInput.safeParse(input)
  if (!parsed.success) throw invalid(parsed.error.issues)
  const prisma = await db()
  const factor = await prisma.totpFactor.findUnique({ where: { userId: me.userId }, select: { confirmedAt: true } })
  if (!factor?.confirmedAt) throw new AppError('CONFLICT', 'Two-step sign-in is not on')
  if (await prisma.membership.count({ where: { userId: me.userId, organization: { mfaRequired: true } } })) {
    throw new AppError('CONFLICT', 'Your organization requires two-step sign-in, so it stays on (an admin can remove it if you lose your phone)')
  }
  await verifySecondFactor(me.userId, parsed.data.code, now)
  await removeMfa(me, me.userId, 'mfa.disable', null)
  return { ok: true as const }
}

/** Deletes the factor and the recovery codes, audited in the same transaction. */
export async function removeMfa(actor: Actor, userId: string, action: string, organizationId: string | null) {
  await (await db()).$transaction(async (tx) => {
    await tx.totpFactor.deleteMany({ where: { userId } })
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } })
    await recordAudit(tx, { actor, action, entityType: 'User', entityId: userId, organizationId, before: { mfa: 'totp' }, after: { mfa: null } })
  })
  forgetMfaDue()
}

export async function getSecurityStatus(userId: string, sessionId: string | null) {
  const prisma = await db()
  const [factor, recoveryCodesLeft, requiring, sessions] = await Promise.all([
    prisma.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    prisma.mfaRecoveryCode.count({ where: { userId, usedAt: null } }),
    prisma.membership.count({ where: { userId, organization: { mfaRequired: true } } }),
    prisma.session.count({ where: { userId, expiresAt: { gt: new Date() }, ...(sessionId ? { id: { not: sessionId } } : {}) } }),
  ])
  return {
    mfa: { enabled: Boolean(factor?.confirmedAt), enabledAt: factor?.confirmedAt?.toISOString() ?? null, recoveryCodesLeft: factor?.confirmedAt ? recoveryCodesLeft : 0 },
    mfaRequired: requiring > 0,
    otherSessions: sessions,
  }
}
