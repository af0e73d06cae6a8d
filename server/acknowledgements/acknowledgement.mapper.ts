import type { Acknowledgement } from '../db/generated/client.ts'
import type { AcknowledgementDto } from './acknowledgement.schemas.ts'

export const toAcknowledgementDto = (a: Acknowledgement, version: number | null, wasLatest = a.wasLatest): AcknowledgementDto => ({
  subject: a.subject,
  version,
  sha256: a.sha256,
  party: a.party,
  by: a.userLabel,
  role: a.role,
  at: a.acknowledgedAt.toISOString(),
  wasLatest,
})

/** Postgres' unique violation, as Prisma reports it: this party acknowledged the same thing a moment ago. */
export const isUniqueViolation = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'P2002'
