import type { Standard } from '../db/generated/client.ts'
import type { StandardDto } from './standards.schemas.ts'

export function toStandardDto(r: Standard): StandardDto {
  return {
    id: r.id,
    version: r.version,
    category: r.category,
    question: r.question,
    whyItMatters: r.whyItMatters,
    howToCheck: r.howToCheck,
    severity: r.severity,
    remediation: r.remediation,
    starter: r.starterKey !== null,
    retiredAt: r.retiredAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  }
}
