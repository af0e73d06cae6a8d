import { z } from 'zod'
import { changePassword, signOutEverywhere } from '../../auth/account-sessions.server.ts'
import { confirmMfaEnrolment, disableMfa, getPendingEnrolment, getSecurityStatus, startMfaEnrolment } from '../../auth/mfa-enrolment.server.ts'
import { ZChangePasswordInput, ZConfirmMfaInput, ZDisableMfaInput, ZMfaEnrolment, ZRecoveryCodes, ZSecurityStatus } from '../../auth/mfa.schemas.ts'
import { router, sessionProcedure } from '../init.ts'

// The signed-in user's own sign-in settings (ADR 017): every query and write is keyed by the caller's user id.
// The inputs are validated again by the domain functions, which the forms call through here.
export const accountRouter = router({
  security: sessionProcedure.output(ZSecurityStatus).query(({ ctx }) => getSecurityStatus(ctx.user.id, ctx.sessionId)),
  mfa: router({
    pending: sessionProcedure.output(ZMfaEnrolment.nullable()).query(({ ctx }) => getPendingEnrolment(ctx.user.id, ctx.user.email)),
    start: sessionProcedure.output(ZMfaEnrolment).mutation(({ ctx }) => startMfaEnrolment(ctx.actor, ctx.user.email)),
    confirm: sessionProcedure.input(ZConfirmMfaInput).output(ZRecoveryCodes).mutation(({ ctx, input }) => confirmMfaEnrolment(ctx.actor, input)),
    disable: sessionProcedure.input(ZDisableMfaInput).mutation(({ ctx, input }) => disableMfa(ctx.actor, input)),
  }),
  changePassword: sessionProcedure
    .input(ZChangePasswordInput)
    .output(z.object({ otherSessionsEnded: z.number().int() }))
    .mutation(({ ctx, input }) => changePassword(ctx.actor, ctx.user.email, ctx.sessionId, input, ctx.clientIp ?? 'unknown')),
  signOutEverywhere: sessionProcedure.output(z.object({ sessionsEnded: z.number().int() })).mutation(({ ctx }) => signOutEverywhere(ctx.actor)),
})
