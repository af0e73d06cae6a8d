export const ALIGNMENT_LABEL: Record<string, string> = { ALIGNED: 'Aligned', MISALIGNED: 'Misaligned', NOT_APPLICABLE: 'Not applicable', UNKNOWN: 'Unknown' }
export const STATUS_LABEL: Record<string, string> = { DRAFT: 'Draft', IN_REVIEW: 'In review', REVIEWED: 'Reviewed' }
