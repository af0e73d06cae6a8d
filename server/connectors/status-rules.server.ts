// The status rules a sync applies: the connection's status map where it names a list, else the vendor's own
// defaults; the SLA policy's pauseStatuses pause the clock too.
import { type StatusRules, statusRules } from '../tickets/status-history.ts'
import type { Connector, VendorTicket } from './types.ts'

export interface StatusMap {
  waiting?: string[]
  resolved?: string[]
  closed?: string[]
}

/** The rules for these tickets (the vendor's defaults are read for the statuses they use, once per connector). */
export async function rulesFor(connector: Connector, tickets: ReadonlyArray<Pick<VendorTicket, 'boardId'>>, map: StatusMap, pauseStatuses: readonly string[]): Promise<StatusRules> {
  const needsDefaults = !map.waiting || !map.resolved || !map.closed
  const vendor = needsDefaults && tickets.length ? await connector.listStatuses(tickets as readonly VendorTicket[]) : []
  const names = (flag: 'waiting' | 'resolved' | 'closed') => map[flag] ?? vendor.filter((v) => v[flag]).map((v) => v.name)
  return statusRules({ waiting: [...names('waiting'), ...pauseStatuses], resolved: names('resolved'), closed: names('closed') })
}
