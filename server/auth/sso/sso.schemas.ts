import { z } from 'zod'
import { ROLES } from '../../access/permissions.ts'

// Shared by the settings form and the API (convention 2).

/** A DNS name as people type it: lower-cased, no scheme, no trailing dot, at least one dot, labels of [a-z0-9-]. */
export const ZSsoDomainName = z
  .string({ error: 'Enter a domain' })
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/\.$/, ''))
  .pipe(
    z
      .string()
      .max(253, { error: 'Use at most 253 characters' })
      .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/, {
        error: 'Enter a domain such as example.com (no https://, no @)',
      }),
  )

export const ZUnknownUserPolicy = z.enum(['REFUSE', 'PROVISION'], { error: 'Choose what happens to people without a membership' })

export const ZSaveSsoConnectionInput = z
  .object({
    issuerUrl: z.url({ error: 'Enter the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0' }).trim().max(500),
    clientId: z.string({ error: 'Enter the client id' }).trim().min(1, { error: 'Enter the client id' }).max(300),
    /** Empty keeps the stored secret (only while the issuer stays the same). */
    clientSecret: z.string().max(1000, { error: 'Use at most 1000 characters' }).optional(),
    unknownUserPolicy: ZUnknownUserPolicy,
    provisionRole: z.enum(ROLES, { error: 'Choose a role' }).nullish(),
    ssoOnly: z.boolean(),
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.unknownUserPolicy === 'PROVISION' && !v.provisionRole) {
      ctx.addIssue({ code: 'custom', path: ['provisionRole'], message: 'Choose the role new people get' })
    }
  })
export type SaveSsoConnectionInput = z.infer<typeof ZSaveSsoConnectionInput>

export const ZClaimSsoDomainInput = z.object({ domain: ZSsoDomainName })
export const ZSsoDomainIdInput = z.object({ domainId: z.uuid({ error: 'Unknown domain' }) })

export const ZSsoDomain = z.object({
  id: z.string(),
  domain: z.string(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  /** Where and what to publish: TXT at `recordName` with `recordValue`. */
  recordName: z.string(),
  recordValue: z.string(),
})

export const ZSsoSettings = z.object({
  org: z.object({ slug: z.string(), name: z.string(), kind: z.enum(['MSP', 'CLIENT']) }),
  /** The URL to register at the identity provider as the redirect (callback) URI. */
  redirectUri: z.string(),
  connection: z
    .object({
      issuerUrl: z.string(),
      clientId: z.string(),
      /** Whether a secret is stored; the secret itself is never returned. */
      hasClientSecret: z.boolean(),
      unknownUserPolicy: ZUnknownUserPolicy,
      provisionRole: z.enum(ROLES).nullable(),
      ssoOnly: z.boolean(),
      enabled: z.boolean(),
      updatedAt: z.string(),
    })
    .nullable(),
  domains: z.array(ZSsoDomain),
})
export type SsoSettings = z.infer<typeof ZSsoSettings>

export const ZSsoCheckResult = z.object({ ok: z.boolean(), message: z.string() })

export const ZStartSsoInput = z.object({
  email: z
    .string({ error: 'Enter your work email' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter a valid email address' }).max(254)),
})

export const DOMAIN_RECORD_PREFIX = '_accord-challenge'
export const DOMAIN_RECORD_VALUE_PREFIX = 'accord-domain-verification='
