import { z } from 'zod'
import { ZEmail, ZPassword } from './schemas.ts'

// Shared by the account, sign-in, reset and setup forms and by the API (convention 2).

/** Six digits from the authenticator app; spaces are forgiven (apps show `123 456`). */
export const ZTotpCode = z
  .string({ error: 'Enter the 6-digit code from your authenticator app' })
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { error: 'Enter the 6-digit code from your authenticator app' }))

/** At sign-in: a TOTP code or a recovery code (`abcd-efgh-ijkl-mnop`, dashes and case forgiven). */
export const ZMfaChallengeInput = z.object({
  code: z
    .string({ error: 'Enter a code' })
    .transform((v) => v.replace(/[\s-]+/g, '').toLowerCase())
    .pipe(
      z.string().refine((v) => /^\d{6}$/.test(v) || /^[a-z2-7]{16}$/.test(v), {
        error: 'Enter the 6-digit code from your app, or one of your recovery codes',
      }),
    ),
})

export const ZConfirmMfaInput = z.object({ code: ZTotpCode })
export const ZDisableMfaInput = z.object({ code: ZMfaChallengeInput.shape.code })

const ZCurrentPassword = z.string({ error: 'Enter your current password' }).min(1, { error: 'Enter your current password' }).max(200)

/** A new password typed twice; the mismatch is reported on `confirm`. */
const newPassword = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object({ ...shape, password: ZPassword, confirm: z.string({ error: 'Repeat the password' }).max(200) })
    .refine((v) => (v as { password: string }).password === (v as { confirm: string }).confirm, { path: ['confirm'], error: 'Does not match the password' })

export const ZChangePasswordInput = newPassword({ currentPassword: ZCurrentPassword })
export type ChangePasswordInput = z.infer<typeof ZChangePasswordInput>

export const ZRequestPasswordResetInput = z.object({
  email: ZEmail,
})

export const ZCompletePasswordResetInput = newPassword({
  /** Ends every session of the account (offered, on by default). */
  signOutEverywhere: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(false),
})

export const ZSetupInput = newPassword({
  orgName: z.string({ error: 'Enter the name of your organization' }).trim().min(2, { error: 'Enter the name of your organization' }).max(120),
  name: z.string({ error: 'Enter your name' }).trim().min(1, { error: 'Enter your name' }).max(120),
  email: ZEmail,
})

export const ZSetMfaRequiredInput = z.object({ required: z.boolean({ error: 'Say whether MFA is required' }) })
export const ZRemoveMemberMfaInput = z.object({ userId: z.uuid({ error: 'Choose a member' }) })

export const ZSecurityStatus = z.object({
  mfa: z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), recoveryCodesLeft: z.number().int() }),
  /** Some organization of the user requires MFA. */
  mfaRequired: z.boolean(),
  otherSessions: z.number().int(),
})
export type SecurityStatus = z.infer<typeof ZSecurityStatus>

export const ZMfaEnrolment = z.object({ uri: z.string(), secret: z.string(), qrSvg: z.string() })
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) })
