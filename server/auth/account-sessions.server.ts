import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, fieldErrorsFromIssues } from '../errors.ts'
import { checkPassword } from './login.server.ts'
import { ZChangePasswordInput } from './mfa.schemas.ts'
import { hashPassword } from './password.server.ts'
import { forgetSessions } from './session.server.ts'

type Me = Actor & { userId: string }

/**
 * Changes the password: the current one is checked under the sign-in limits, and every other session of the
 * user ends (the one making the change stays).
 */
export async function changePassword(me: Me, email: string, sessionId: string, input: unknown, ip: string, now = new Date()) {
  const parsed = ZChangePasswordInput.safeParse(input)
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Check the highlighted fields', { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) })
  await checkPassword(email, parsed.data.currentPassword, ip, now, 'Your current password is not right', 'currentPassword')
  const passwordHash = await hashPassword(parsed.data.password)
  const ended = await (await db()).$transaction(async (tx) => {
    await tx.user.update({ where: { id: me.userId }, data: { passwordHash } })
    const { count } = await tx.session.deleteMany({ where: { userId: me.userId, id: { not: sessionId } } })
    await tx.pendingSignIn.deleteMany({ where: { userId: me.userId } })
    await recordAudit(tx, { actor: me, action: 'password.change', entityType: 'User', entityId: me.userId, after: { otherSessionsEnded: count } })
    return count
  })
  await forgetSessions()
  return { otherSessionsEnded: ended }
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(me: Me) {
  const ended = await (await db()).$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId: me.userId } })
    await recordAudit(tx, { actor: me, action: 'sessions.end-all', entityType: 'User', entityId: me.userId, after: { sessionsEnded: count } })
    return count
  })
  await forgetSessions()
  return { sessionsEnded: ended }
}
