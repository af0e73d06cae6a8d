// The one interface every PSA connector implements, and what it hands to the sync.
import { z } from 'zod'
import type { StatusChange } from '../tickets/status-history.ts'

export const PSA_KINDS = ['connectwise', 'autotask', 'halopsa'] as const
export type PsaKind = (typeof PSA_KINDS)[number]

/** A vendor ticket in Accord's terms, before the partnership's priority mapping and escalation rule. */
export interface VendorTicket {
  externalId: string
  clientExternalId: string | null
  title: string
  /** The vendor's priority label, mapped to P1..P4 by the sync. */
  priority: string
  status: string
  closed: boolean
  /** ConnectWise: the board whose status list names this ticket's status (statuses are per board). */
  boardId?: string | null
  /** Board (ConnectWise), queue (Autotask) or team (HaloPSA). */
  queue: string | null
  assignee: string | null
  createdAt: string
  firstResponseAt: string | null
  resolvedAt: string | null
  slaResponseDueAt: string | null
  slaResolveDueAt: string | null
  vendorResponseMet: boolean | null
  vendorResolutionMet: boolean | null
  /** The vendor's last-updated instant (ISO, UTC) and the id: the incremental cursor. */
  updatedAt: string
}

export interface SkippedRecord {
  externalId: string | null
  reason: string
}

/** One of the vendor's statuses and what the vendor itself says it means (the status map's defaults). */
export interface VendorStatus {
  name: string
  /** Stops the SLA clock (ConnectWise NoEscalation, Autotask "Waiting Customer", Halo slaaction hold). */
  waiting: boolean
  resolved: boolean
  closed: boolean
}

/** A ticket's status changes, oldest first, and how many history rows could not be read as one. */
export interface StatusHistory {
  changes: StatusChange[]
  unparsed: number
}

/** Where to continue inside a run: the run's lower bound plus a vendor-specific position. Stored as JSON. */
export type ResumeState = { since: string | null } & Record<string, unknown>

export interface TicketPage {
  tickets: VendorTicket[]
  skipped: SkippedRecord[]
  /** Where the next page starts, should this run stop after this page. */
  resume: ResumeState
  /** How many tickets the PSA says match, when it says. */
  total?: number | null
  /**
   * The result set moved under the paging while this run read it: the next run must start again from this
   * run's lower bound rather than from the newest ticket seen.
   */
  rescan?: boolean
}

export interface SurveyResult {
  ticketExternalId: string
  /** 1 (very unhappy) .. 5 (very happy), on the scale of the ticket store. */
  csat: number
  at: string | null
}

export interface Connector {
  readonly kind: PsaKind
  testConnection(): Promise<{ ok: true; message: string }>
  /** Pages of tickets changed since `since` (inclusive), or continuing an interrupted run from `resume`. */
  listChangedTickets(since: Date | null, resume: ResumeState | null): AsyncIterable<TicketPage>
  /** Survey results (CSAT) for the given tickets. */
  listSurveyResults(ticketExternalIds: readonly string[]): Promise<SurveyResult[]>
  /** The vendor's statuses known for these tickets (read once, cached): the status map's defaults. */
  listStatuses(tickets: readonly VendorTicket[]): Promise<VendorStatus[]>
  /** One ticket's status history (one call per ticket on every vendor: no batching). */
  listStatusHistory(ticket: VendorTicket): Promise<StatusHistory>
  /** The PSA's configuration items of the mapped companies, all of them (a few hundred per client). */
  listAssets(): AsyncIterable<AssetPage>
  /** Write-back (issue 16 §3): tickets Accord creates in the PSA and reads back. */
  readonly tickets: TicketWriter
}

export type ConnectorErrorCode = 'AUTH' | 'MALFORMED_PAGE' | 'HTTP' | 'NETWORK' | 'CONFIG' | 'INCOMPLETE' | 'VALIDATION'

/** Stops a run: bad credentials, a page we cannot read, or a PSA still failing after the retries. */
export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ConnectorError'
  }
}

export const ZConnectWiseCredentials = z.object({
  companyId: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(60),
  publicKey: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
  privateKey: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
  clientId: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(100),
})
export const ZAutotaskCredentials = z.object({
  username: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
  secret: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
  integrationCode: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
})
export const ZHaloCredentials = z.object({
  clientId: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(200),
  clientSecret: z.string({ error: 'Required' }).trim().min(1, { error: 'Required' }).max(400),
  tenant: z.string().trim().max(100).optional(),
})
export type ConnectWiseCredentials = z.infer<typeof ZConnectWiseCredentials>
export type AutotaskCredentials = z.infer<typeof ZAutotaskCredentials>
export type HaloCredentials = z.infer<typeof ZHaloCredentials>

export type Credentials =
  | { kind: 'connectwise'; credentials: ConnectWiseCredentials }
  | { kind: 'autotask'; credentials: AutotaskCredentials }
  | { kind: 'halopsa'; credentials: HaloCredentials }

export const DEFAULT_BASE_URL: Record<PsaKind, string | null> = {
  connectwise: 'https://api-na.myconnectwise.net',
  autotask: 'https://webservices.autotask.net/ATServicesRest/',
  // Every Halo instance has its own host: the URL is required.
  halopsa: null,
}

/** A configuration item / asset of the PSA in Accord's terms (issue 16 §2). Dates are calendar days (YYYY-MM-DD). */
export interface VendorAsset {
  externalId: string
  clientExternalId: string | null
  name: string
  type: string
  model: string
  serial: string
  assignedUser: string
  site: string
  purchaseDate: string | null
  warrantyEnd: string | null
  endOfLife: string | null
  active: boolean
}

export interface AssetPage {
  assets: VendorAsset[]
  skipped: SkippedRecord[]
}

/** The PSA's configuration items (ConnectWise company configurations, Autotask ConfigurationItems, Halo Assets). */
export interface AssetSource {
  listAssets(): AsyncIterable<AssetPage>
}

/** A ticket Accord asks the PSA to create. `reference` (the idempotency key) is stored on it to find it again. */
export interface OutboundTicket {
  reference: string
  summary: string
  description: string
  /** The board (ConnectWise), queue (Autotask) or team (HaloPSA) id chosen by the sender. */
  board: string
  clientExternalId: string
}

export interface PsaTicketState {
  externalId: string
  /** What people call it: ConnectWise and Halo the id, Autotask its ticketNumber (T20250203.0046). */
  ticketNumber: string
  status: string
  closed: boolean
}

export interface TicketWriter {
  /** Throws ConnectorError VALIDATION with the vendor's own message when the PSA refuses the ticket. */
  createTicket(ticket: OutboundTicket): Promise<PsaTicketState>
  /** The ticket created with this reference, if the PSA has one (reconciling a send that timed out). */
  findByReference(reference: string, clientExternalId: string): Promise<PsaTicketState | null>
  ticketStates(externalIds: readonly string[]): Promise<PsaTicketState[]>
}
