// The connection form and the `connector` API share these schemas.
import { z } from 'zod'
import { ZSlug } from '../partnerships/partnerships.schemas.ts'
import { PSA_KINDS, ZAutotaskCredentials, ZConnectWiseCredentials, ZHaloCredentials } from './types.ts'

export const CREDENTIAL_SCHEMAS = { connectwise: ZConnectWiseCredentials, autotask: ZAutotaskCredentials, halopsa: ZHaloCredentials } as const
export const CREDENTIAL_FIELDS = {
  connectwise: ['companyId', 'publicKey', 'privateKey', 'clientId'],
  autotask: ['username', 'secret', 'integrationCode'],
  halopsa: ['clientId', 'clientSecret', 'tenant'],
} as const

const ZNames = z.array(z.string().trim().min(1).max(120)).max(50).default([])
const ZPriority = z.enum(['P1', 'P2', 'P3', 'P4'])
const ZStatusNames = z.array(z.string().trim().min(1).max(80)).max(50).optional()
export const ZStatusMap = z.object({ waiting: ZStatusNames, resolved: ZStatusNames, closed: ZStatusNames })

export const ZSaveConnectionInput = z
  .object({
    slug: ZSlug,
    kind: z.enum(PSA_KINDS, { error: 'Choose ConnectWise, Autotask or HaloPSA' }),
    baseUrl: z
      .union([z.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' }).max(300), z.literal('')])
      .nullish()
      .transform((v) => v || null),
    /** Omitted on an update: the stored credentials are kept. */
    credentials: z.record(z.string(), z.string()).optional(),
    /** The PSA's numeric company (ConnectWise, Autotask) or client (HaloPSA) ids whose tickets are this client's. */
    companies: z.array(z.string().trim().regex(/^\d+$/, { error: 'Use the PSA’s numeric company/client ids' })).max(100).default([]),
    priorityMap: z.record(z.string().trim().min(1).max(80), ZPriority).default({}),
    escalation: z.object({ queues: ZNames, statuses: ZNames }).default({ queues: [], statuses: [] }),
    /** Status names meaning waiting (pause), resolved and closed; a list left out takes the vendor's defaults. */
    statusMap: ZStatusMap.default({}),
    settings: z
      .object({
        surveyId: z.number().int().positive().optional(),
        csatScaleMax: z.number().positive().max(100).optional(),
        authServer: z.url({ protocol: /^https?$/ }).optional(),
        /** Replacement cost by asset type (lower-cased), in major units: PSAs carry no replacement cost. */
        assetCosts: z.record(z.string().trim().toLowerCase().min(1).max(80), z.number().min(0).max(10_000_000)).optional(),
        assetCurrency: z.string().regex(/^[A-Z]{3}$/, { error: 'A three-letter currency code like USD' }).optional(),
        /** Write-back (issue 16 §3): opt-in; the boards/queues offered when sending an item ("id:name"). */
        writeBack: z.object({ enabled: z.boolean(), boards: z.array(z.string().trim().min(1).max(120)).max(50).default([]) }).optional(),
      })
      .default({}),
    syncEveryMinutes: z.number().int().min(5, { error: 'At least every 5 minutes' }).max(1440, { error: 'At least once a day' }).default(60),
    enabled: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'halopsa' && !input.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'HaloPSA needs the instance URL' })
    if (!input.credentials) return
    const parsed = CREDENTIAL_SCHEMAS[input.kind].safeParse(input.credentials)
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['credentials', ...issue.path.map(String)], message: issue.message })
  })
export type SaveConnectionInput = z.infer<typeof ZSaveConnectionInput>

export const ZSlugInput = z.object({ slug: ZSlug })
export const ZStartSyncInput = z.object({ slug: ZSlug, full: z.boolean().default(false) })
export const ZListRunsInput = z.object({ slug: ZSlug, limit: z.number().int().min(1).max(100).default(20) })

export const ZSyncRun = z.object({
  id: z.string(),
  trigger: z.string(),
  full: z.boolean(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  pages: z.number(),
  fetched: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  /** Status histories read (one per changed ticket) and history rows that did not read as a status change. */
  histories: z.number(),
  historyUnparsed: z.number(),
  assetsFetched: z.number(),
  assetsChanged: z.number(),
  assetError: z.string().nullable(),
  linksRefreshed: z.number(),
  skippedReasons: z.array(z.object({ externalId: z.string().nullable(), reason: z.string() })),
  total: z.number().nullable(),
  /** 0..1 when the PSA said how many tickets match. */
  progress: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  cursorAfter: z.unknown().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
})
export type SyncRunView = z.infer<typeof ZSyncRun>

export const ZConnectionView = z.object({
  kind: z.enum(PSA_KINDS),
  baseUrl: z.string().nullable(),
  credentialHint: z.string(),
  companies: z.array(z.string()),
  priorityMap: z.record(z.string(), ZPriority),
  escalation: z.object({ queues: z.array(z.string()), statuses: z.array(z.string()) }),
  statusMap: ZStatusMap,
  settings: z.record(z.string(), z.unknown()),
  syncEveryMinutes: z.number(),
  enabled: z.boolean(),
  cursor: z.object({ updatedAt: z.string(), id: z.string().nullable() }).nullable(),
  resuming: z.boolean(),
  lastTest: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable(),
  updatedAt: z.string(),
})

export const ZConnectorStatus = z.object({
  connection: ZConnectionView.nullable(),
  latestRun: ZSyncRun.nullable(),
  /**
   * Work the next sync does before reading changes: `recompute` applies a changed status map to stored tickets from
   * their kept status histories (no PSA calls); `reread` reads every stored ticket and its history from the PSA again
   * (the cursor was reset: another PSA or status map, with tickets stored without a kept history).
   */
  pending: z.object({ kind: z.enum(['recompute', 'reread']), tickets: z.number() }).nullable(),
})
export const ZTestResult = z.object({ ok: z.boolean(), code: z.string().nullable(), message: z.string() })
