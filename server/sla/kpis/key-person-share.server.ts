import { queryArrays } from '../../db/client.server.ts'
import { keyPersonOf } from './kpi-math.ts'

const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`

/**
 * Key-person share (default N: the fewest engineers covering half) of the complex tickets created in [from, to) and
 * resolved by asOf, as sla.kpis counts them: the CSI register's `key_person_share` KPI (ADR 024).
 */
export async function keyPersonShareBetween(partnershipId: string, from: number, to: number, asOf: number): Promise<number | null> {
  const rows = await queryArrays(
    `SELECT "assignee", count(*)::int FROM "Ticket"
      WHERE "partnershipId" = $1 AND "createdAt" >= ${ts(2)} AND "createdAt" < ${ts(3)} AND "resolvedAt" <= ${ts(4)}
        AND "assignee" IS NOT NULL AND ("escalated" OR "priority" IN ('P1', 'P2'))
      GROUP BY 1`,
    [partnershipId, new Date(from).toISOString(), new Date(Math.max(from, Math.min(to, asOf + 1))).toISOString(), new Date(asOf).toISOString()],
  )
  return keyPersonOf(new Map(rows as Array<[string, number]>), null).share
}
