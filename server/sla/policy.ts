import { IANAZone } from 'luxon'
import { z } from 'zod'

// The SLA policy: one JSON shape for the API, the CLI and the policy editor page.
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
export type Priority = (typeof PRIORITIES)[number]
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

// abort: a malformed time would also fail the window's order check, with a misleading second message.
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'Use HH:MM from 00:00 to 24:00', abort: true })
export const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

const ZWindow = z.tuple([ZTime, ZTime]).refine(([a, b]) => minutesOfDay(a) < minutesOfDay(b), { error: 'A window must end after it starts' })

const ZDay = z.array(ZWindow).max(6, { error: 'At most 6 windows a day' }).superRefine((windows, ctx) => {
  const sorted = windows.map((w, i) => ({ w, i })).sort((a, b) => minutesOfDay(a.w[0]) - minutesOfDay(b.w[0]))
  for (let k = 1; k < sorted.length; k++) {
    if (minutesOfDay(sorted[k].w[0]) < minutesOfDay(sorted[k - 1].w[1])) {
      ctx.addIssue({ code: 'custom', path: [sorted[k].i], message: `Overlaps ${sorted[k - 1].w.join('–')}` })
    }
  }
})

const YEAR_MINUTES = 525_600
/** The least business time a week a business clock may have (issue 13 D2). */
export const MIN_WEEKLY_BUSINESS_MINUTES = 60
const WEEKS_PER_YEAR = 365 / 7

const ZTarget = z.object({
  responseMinutes: z.number().positive({ error: 'Must be more than 0' }).max(YEAR_MINUTES, { error: 'At most a year' }),
  resolutionMinutes: z.number().positive({ error: 'Must be more than 0' }).max(YEAR_MINUTES, { error: 'At most a year' }),
  clock: z.enum(['24x7', 'business'], { error: 'Use "24x7" or "business"' }),
})

/** Metrics every partnership knows, with their unit; a policy may name any other metric with its own unit (ADR 024). */
export const DEFAULT_METRICS: Record<string, { unit: string; label: string }> = {
  uptime: { unit: '%', label: 'Uptime' },
  backup_success: { unit: '%', label: 'Backup success' },
  patch_compliance: { unit: '%', label: 'Patch compliance' },
}
export const METRIC_NAMES = Object.keys(DEFAULT_METRICS)
export const ZMetricKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'A short lower-case name like uptime or mean_time_to_patch_days' })
/** The unit of a metric target: its own, or its default metric's. */
export const metricUnit = (t: { metric: string; unit?: string }) => t.unit ?? DEFAULT_METRICS[t.metric]?.unit ?? ''
export const ZMetricTarget = z
  .object({
    metric: ZMetricKey,
    /** %, min, h, count…: required for a metric that is not a default one. */
    unit: z.string().trim().min(1).max(16).optional(),
    /** The direction: >= when more is better (uptime), <= when less is (hours to patch). */
    op: z.enum(['>=', '<=']).default('>='),
    value: z.number().min(-1e12).max(1e12),
    period: z.enum(['month', 'quarter']).default('month'),
  })
  .superRefine((t, ctx) => {
    if (!t.unit && !DEFAULT_METRICS[t.metric]) ctx.addIssue({ code: 'custom', path: ['unit'], message: `Give the unit of ${t.metric} (%, min, h, count…)` })
    if (metricUnit(t) === '%' && (t.value < 0 || t.value > 100)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'A percentage from 0 to 100' })
  })
export type MetricTarget = z.infer<typeof ZMetricTarget>

// IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (~0.5 ms): the portfolio parses a policy per
// partnership per request, and 500 of them spent ~300 ms there. A name found valid stays valid for the process.
const validZones = new Set<string>()
const isValidZone = (tz: string) => validZones.has(tz) || (IANAZone.isValidZone(tz) && validZones.add(tz).has(tz))

export const ZSlaPolicy = z
  .object({
    name: z.string().trim().min(1, { error: 'Name the policy' }).max(120),
    timezone: z.string().refine(isValidZone, { error: 'Unknown timezone: use an IANA name like America/New_York' }),
    businessHours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDay])) as Record<Weekday, typeof ZDay>, {
      error: 'Give the windows of every weekday (mon…sun)',
    }),
    holidays: z.array(z.iso.date({ error: 'Use YYYY-MM-DD' })).max(500).default([]),
    pauseStatuses: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
    targets: z.object(Object.fromEntries(PRIORITIES.map((p) => [p, ZTarget])) as Record<Priority, typeof ZTarget>, {
      error: 'Give targets for P1, P2, P3 and P4',
    }),
    metricTargets: z.array(ZMetricTarget).max(20).default([]),
    /** The share of its budget a pending ticket has used when it is reported and alerted as at risk (issue 11 §6). */
    atRiskShare: z.number().min(0.05, { error: 'At least 0.05' }).max(0.99, { error: 'At most 0.99 (1 is the breach itself)' }).default(0.75),
    /**
     * Who at the MSP hears of an at-risk ticket: these members' addresses. Empty: the MSP members whose notification
     * preferences take SLA_AT_RISK (by default the admins and account managers).
     */
    atRiskRecipients: z.array(z.email({ error: 'An e-mail address' }).trim().toLowerCase().max(254)).max(50, { error: 'At most 50 recipients' }).default([]),
  })
  .superRefine((policy, ctx) => {
    // Bounds that keep every evaluation cheap and every target meaningful (issue 13 D2, ADR 011).
    const weekly = weeklyBusinessMinutes(policy.businessHours)
    const usesBusiness = PRIORITIES.some((p) => policy.targets[p].clock === 'business')
    if (usesBusiness && weekly === 0) {
      for (const p of PRIORITIES) {
        if (policy.targets[p].clock === 'business') {
          ctx.addIssue({ code: 'custom', path: ['targets', p, 'clock'], message: 'A business clock needs business hours on at least one day' })
        }
      }
    } else if (usesBusiness && weekly < MIN_WEEKLY_BUSINESS_MINUTES) {
      ctx.addIssue({ code: 'custom', path: ['businessHours'], message: `At least 1 business hour a week (these windows add up to ${weekly} minutes)` })
    }
    const businessYear = Math.floor(weekly * WEEKS_PER_YEAR)
    for (const p of PRIORITIES) {
      const t = policy.targets[p]
      if (t.clock === 'business' && weekly >= MIN_WEEKLY_BUSINESS_MINUTES) {
        for (const field of ['responseMinutes', 'resolutionMinutes'] as const) {
          if (t[field] > businessYear) {
            ctx.addIssue({ code: 'custom', path: ['targets', p, field], message: `At most a year of this policy's business time (${businessYear} business minutes)` })
          }
        }
      }
      if (t.resolutionMinutes > 0 && t.responseMinutes > t.resolutionMinutes) {
        ctx.addIssue({ code: 'custom', path: ['targets', p, 'responseMinutes'], message: 'Must not exceed the resolution target' })
      }
    }
  })
export type SlaPolicy = z.infer<typeof ZSlaPolicy>

/** Business minutes in a week of these hours (no holidays, no daylight-saving change). */
export function weeklyBusinessMinutes(hours: Record<Weekday, ReadonlyArray<readonly [string, string]>>): number {
  let total = 0
  for (const d of WEEKDAYS) for (const [a, b] of hours[d]) total += Math.max(0, minutesOfDay(b) - minutesOfDay(a))
  return total
}

export const DEMO_POLICY: SlaPolicy = {
  name: 'Standard',
  timezone: 'America/New_York',
  businessHours: {
    mon: [['08:00', '18:00']],
    tue: [['08:00', '18:00']],
    wed: [['08:00', '18:00']],
    thu: [['08:00', '18:00']],
    fri: [['08:00', '18:00']],
    sat: [],
    sun: [],
  },
  holidays: ['2026-07-03', '2026-12-25'],
  pauseStatuses: ['Waiting on customer'],
  targets: {
    P1: { responseMinutes: 30, resolutionMinutes: 240, clock: '24x7' },
    P2: { responseMinutes: 60, resolutionMinutes: 480, clock: 'business' },
    P3: { responseMinutes: 240, resolutionMinutes: 1440, clock: 'business' },
    P4: { responseMinutes: 480, resolutionMinutes: 3000, clock: 'business' },
  },
  metricTargets: [{ metric: 'uptime', op: '>=', value: 99.9, period: 'month' }],
  atRiskShare: 0.75,
  atRiskRecipients: [],
}
