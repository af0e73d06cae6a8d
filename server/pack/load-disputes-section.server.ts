import { loadReportDisputes } from '../disputes/report-disputes.server.ts'
import type { AttainmentSummary } from '../sla/attainment.ts'
import type { VerdictTable } from '../sla/engine.ts'
import type { MonthIndex } from '../sla/periods.ts'
import type { AgreedRows } from '../disputes/agreed-attainment.ts'
import { type PackDisputes, packDisputes } from './disputes-section.ts'

/** The pack's disputes part for the reviewed quarter, as of the pack's instant (see disputes-section.ts). */
export async function loadDisputesSection(
  partnershipId: string,
  rows: AgreedRows,
  table: VerdictTable,
  period: { start: number; end: number; months: MonthIndex; asOf: number },
  computed: AttainmentSummary,
): Promise<PackDisputes> {
  const loaded = await loadReportDisputes(partnershipId, period.start, period.end, period.asOf)
  return packDisputes(rows, table, loaded, period, computed)
}
