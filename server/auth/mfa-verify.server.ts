import { RateLimiterRes } from 'rate-limiter-flexible'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { MFA_CODE_LIMIT, recoveryLimiters } from './recovery-limits.server.ts'
import { hashRecoveryCode, matchingStep, openTotpSecret } from './totp.server.ts'

const wrongCode = () => new AppError('UNAUTHORIZED', 'That code is not right (or was already used)', { fieldErrors: [{ field: 'code', message: 'That code is not right (or was already used)' }] })

function locked(ms: number): AppError {
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  return new AppError('TOO_MANY_REQUESTS', `Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
    details: { retryAfterSeconds: Math.ceil(ms / 1000) },
  })
}

/**
 * Checks a second-factor code of a user with confirmed MFA: a TOTP code of a step later than the last one
 * accepted (claimed atomically, so a replay within the code's window, even concurrent, fails), or an unused
 * recovery code (claimed once). Throws 401 naming `code`, or 429 past the limit.
 */
export async function verifySecondFactor(userId: string, code: string, now = new Date()): Promise<'totp' | 'recovery'> {
  let remaining: number
  try {
    remaining = (await (await recoveryLimiters()).mfa.consume(userId)).remainingPoints
  } catch (error) {
    if (error instanceof RateLimiterRes) throw locked(error.msBeforeNext)
    throw error
  }
  const used = await claimCode(userId, code, now)
  if (used) {
    await (await recoveryLimiters()).mfa.delete(userId)
    return used
  }
  if (remaining === 0) throw locked(MFA_CODE_LIMIT.blockDuration * 1000)
  throw wrongCode()
}

async function claimCode(userId: string, code: string, now: Date): Promise<'totp' | 'recovery' | null> {
  const prisma = await db()
  const factor = await prisma.totpFactor.findUnique({ where: { userId } })
  if (!factor?.confirmedAt) return null
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(openTotpSecret(userId, factor.sealedSecret), code, now)
    if (step === null) return null
    const { count } = await prisma.totpFactor.updateMany({
      where: { userId, confirmedAt: { not: null }, OR: [{ lastStep: null }, { lastStep: { lt: step } }] },
      data: { lastStep: step },
    })
    return count === 1 ? 'totp' : null
  }
  const { count } = await prisma.mfaRecoveryCode.updateMany({ where: { userId, codeHash: hashRecoveryCode(code), usedAt: null }, data: { usedAt: now } })
  return count === 1 ? 'recovery' : null
}

export async function hasConfirmedMfa(userId: string): Promise<boolean> {
  const factor = await (await db()).totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } })
  return Boolean(factor?.confirmedAt)
}
