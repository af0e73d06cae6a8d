import fc from 'fast-check'
import type { NormalisedTicket, StoredPause } from '../../server/tickets/normalize-ticket.ts'

// Normalised tickets for property tests of what writes them out (the content hash's JSON, the staged COPY rows):
// every field of NormalisedTicket, its texts from `text` (each writer has its own awkward characters), an optional
// key sometimes absent and sometimes present as undefined (both are left out of the JSON).

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
const date = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms))
const iso = date.map((d) => d.toISOString())

export function normalisedTickets(options: { text: fc.Arbitrary<string>; csat: fc.Arbitrary<number>; reopens: fc.Arbitrary<number> }): fc.Arbitrary<Omit<NormalisedTicket, 'contentHash'>> {
  const { text } = options
  const pause: fc.Arbitrary<StoredPause> = fc.oneof(fc.tuple(iso, nullable(iso)), fc.tuple(iso, nullable(iso), text))
  return fc
    .record(
      {
        externalId: text,
        title: text,
        priority: fc.constantFrom('P1', 'P2', 'P3', 'P4') as fc.Arbitrary<NormalisedTicket['priority']>,
        sourcePriority: text,
        status: text,
        lifecycle: fc.constantFrom('open', 'waiting', 'resolved', 'closed') as fc.Arbitrary<NormalisedTicket['lifecycle']>,
        queue: nullable(text),
        assignee: nullable(text),
        createdAt: date,
        firstResponseAt: nullable(date),
        resolvedAt: nullable(date),
        pauses: fc.array(pause, { maxLength: 3 }),
        escalated: fc.boolean(),
        csat: nullable(options.csat),
        vendorResponseMet: nullable(fc.boolean()),
        vendorResolutionMet: nullable(fc.boolean()),
        reopens: fc.option(options.reopens, { nil: undefined }),
        firstContact: fc.option(fc.boolean(), { nil: undefined }),
        origin: fc.option(fc.constantFrom('alert', 'maintenance', 'phone') as fc.Arbitrary<NonNullable<NormalisedTicket['origin']>>, { nil: undefined }),
        statusSource: fc.option(
          fc.record({ closed: fc.boolean(), resolvedAt: nullable(iso), board: nullable(text), changes: fc.array(fc.tuple(iso, nullable(text), text), { maxLength: 2 }) }),
          { nil: undefined },
        ),
      },
      { requiredKeys: ['externalId', 'title', 'priority', 'sourcePriority', 'status', 'lifecycle', 'queue', 'assignee', 'createdAt', 'firstResponseAt', 'resolvedAt', 'pauses', 'escalated', 'csat', 'vendorResponseMet', 'vendorResolutionMet'] },
    )
    .map((t) => t as Omit<NormalisedTicket, 'contentHash'>)
}
