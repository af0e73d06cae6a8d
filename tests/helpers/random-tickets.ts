// A random ticket of a property test (times as offsets from its creation, in ms) as the push API takes it: the
// shape shared by the stored-figures equivalence tests of sla.report and of the pack.
type RandomTicket<P, L> = {
  priority: P
  created: number
  response: number | null
  resolution: number | null
  pauses: readonly (readonly [number, number | null])[]
  lifecycle: L
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The ticket's times as ISO instants, under `externalId`; a test adds the fields its own arbitrary carries. */
export function pushedTimes<P, L>(t: RandomTicket<P, L>, externalId: string) {
  return {
    externalId,
    priority: t.priority,
    createdAt: iso(t.created),
    firstResponseAt: t.response === null ? null : iso(t.created + t.response),
    resolvedAt: t.resolution === null ? null : iso(t.created + t.resolution),
    pauses: t.pauses.map(([s, d]) => ({ start: iso(t.created + s), end: d === null ? null : iso(t.created + s + d) })),
    lifecycle: t.lifecycle,
  }
}
