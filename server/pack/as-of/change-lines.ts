// "Changes since the last QBR", pure: the field history of the period folded into one line per entity and saved
// version (created, deleted, restored, or the fields changed, named as the forms name them), never one line per
// column written.

export interface HistoryEntry {
  entityType: string
  entityId: string
  version: number
  field: string
  after: unknown
  actorLabel: string
  at: Date
}

export interface ChangeLine {
  at: string
  /** The register the entity belongs to, in words ("Roadmap"). */
  area: string
  name: string
  /** "created", "deleted", "restored" or "changed status, one-time cost". */
  change: string
  by: string
}

export const CHANGE_AREAS: Record<string, string> = {
  ResponsibilityFunction: 'Matrix',
  RoadmapItem: 'Roadmap',
  CsiEntry: 'CSI',
}

const FIELD_WORDS: Record<string, Record<string, string | null>> = {
  ResponsibilityFunction: {
    category: 'category',
    name: 'name',
    classification: 'classification',
    mspRaci: 'MSP RACI',
    clientRaci: 'client RACI',
    mspOwner: 'MSP owner',
    clientOwner: 'client owner',
    notes: 'notes',
    slaPriorities: 'SLA priorities',
    queues: 'queues',
    sortOrder: 'position',
  },
  RoadmapItem: {
    title: 'title',
    description: 'description',
    businessOutcome: 'business outcome',
    category: 'category',
    proposedBy: 'proposed by',
    mspOwner: 'MSP owner',
    clientOwner: 'client owner',
    status: 'status',
    targetQuarter: 'target quarter',
    priority: 'priority',
    oneTimeCents: 'one-time cost',
    oneTime: 'one-time cost',
    recurringCents: 'recurring cost',
    recurring: 'recurring cost',
    recurringPeriod: 'recurring period',
    currency: 'currency',
    mspApprovedAt: 'MSP approval',
    mspApprovedBy: 'MSP approval',
    clientApprovedAt: 'client approval',
    clientApprovedBy: 'client approval',
    // The reason an approval was reset follows from the other fields of the same save.
    approvalResetReason: null,
    responsibilityIds: 'linked responsibilities',
    csiEntryIds: 'linked CSI entries',
  },
  CsiEntry: {
    opportunity: 'opportunity',
    size: 'size',
    priority: 'priority',
    justification: 'justification',
    kpiMetric: 'KPI',
    kpiBaseline: 'KPI baseline',
    kpiTarget: 'KPI target',
    kpiTargetDate: 'KPI target date',
    owner: 'owner',
    startDate: 'start date',
    dueDate: 'due date',
    milestones: 'milestones',
    stage: 'stage',
    status: 'status',
  },
}

/** A field's name in words; a column this table does not know yet is spelt out from its camel case. */
export function fieldInWords(entityType: string, field: string): string | null {
  const known = FIELD_WORDS[entityType]?.[field]
  if (known !== undefined) return known
  return field
    .replace(/(Cents|Ids?|At)$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * One line per entity and version, oldest first. `names` gives each entity's name (as of the pack's instant, or
 * its last name when it is gone), keyed by `${entityType}:${entityId}`.
 */
export function changeLines(history: readonly HistoryEntry[], names: ReadonlyMap<string, string>): ChangeLine[] {
  const groups = new Map<string, HistoryEntry[]>()
  for (const h of history) {
    const key = `${h.entityType}:${h.entityId}:${h.version}`
    const list = groups.get(key)
    if (list) list.push(h)
    else groups.set(key, [h])
  }
  const lines: Array<ChangeLine & { sortAt: number }> = []
  for (const entries of groups.values()) {
    const first = entries[0]
    const deleted = entries.find((e) => e.field === 'deletedAt')
    let change: string
    if (first.version === 1) change = 'created'
    else if (deleted) change = deleted.after ? 'deleted' : 'restored'
    else {
      const words = [...new Set(entries.map((e) => fieldInWords(e.entityType, e.field)).filter((w): w is string => w !== null))].sort((a, b) => byText(a.toLowerCase(), b.toLowerCase()))
      if (words.length === 0) continue
      change = `changed ${words.join(', ')}`
    }
    const at = Math.min(...entries.map((e) => e.at.getTime()))
    lines.push({
      sortAt: at,
      at: new Date(at).toISOString(),
      area: CHANGE_AREAS[first.entityType] ?? first.entityType,
      name: names.get(`${first.entityType}:${first.entityId}`) ?? '(no name)',
      change,
      by: first.actorLabel,
    })
  }
  return lines
    .sort((a, b) => a.sortAt - b.sortAt || byText(a.area, b.area) || byText(a.name, b.name) || byText(a.change, b.change) || byText(a.by, b.by))
    .map(({ sortAt: _, ...line }) => line)
}
