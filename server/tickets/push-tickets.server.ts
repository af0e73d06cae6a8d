import type { PartnershipScope } from '../access/policy.server.ts'
import { db } from '../db/client.server.ts'
import { AppError, type FieldError } from '../errors.ts'
import { scanAfterIngestion } from '../notifications/sla-alerts.server.ts'
import { policyTimezone } from './policy-timezone.server.ts'
import { policyPauseStatuses } from './policy-pause-statuses.server.ts'
import { statusRules } from './status-history.ts'
import { type NormalisedTicket, TicketFieldError, normaliseTicket } from './normalize-ticket.ts'
import { ZTicketInput, ZUpsertTicketsInput } from './tickets.schemas.ts'
import { loadPriorityMapping, upsertTicketBatch } from './upsert-tickets.server.ts'

/**
 * The push API (`tickets.upsert`): up to 1,000 normalised tickets, all or nothing. Any invalid ticket rejects
 * the call with 400 naming `tickets.<index>.<field>` for every problem, and nothing is written.
 */
export async function pushTickets(scope: PartnershipScope, input: unknown) {
  const { source, tickets } = ZUpsertTicketsInput.parse(input)
  const [mapping, zone, pauseStatuses] = await Promise.all([loadPriorityMapping(scope.id, source), policyTimezone(scope.id), policyPauseStatuses(scope.id)])
  // The SLA policy's pauseStatuses: a ticket sent with a statusHistory gets its pauses from them.
  const statuses = statusRules({ waiting: pauseStatuses })
  const errors: FieldError[] = []
  const valid: NormalisedTicket[] = []
  tickets.forEach((raw, index) => {
    const parsed = ZTicketInput.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ field: `tickets.${index}.${issue.path.join('.')}`, message: issue.message })
      return
    }
    try {
      valid.push(normaliseTicket(parsed.data, { mapping, zone, statuses }))
    } catch (error) {
      if (!(error instanceof TicketFieldError)) throw error
      errors.push({ field: `tickets.${index}.${error.field}`, message: error.message })
    }
  })
  if (errors.length) {
    throw new AppError('BAD_REQUEST', `${errors.length} problem(s): ${errors.slice(0, 5).map((e) => `${e.field}: ${e.message}`).join('; ')}`, { fieldErrors: errors })
  }
  const counts = await (await db()).$transaction((tx) => upsertTicketBatch(tx, scope.id, source, valid))
  if (counts.inserted + counts.updated > 0) await scanAfterIngestion(scope.id)
  return counts
}
