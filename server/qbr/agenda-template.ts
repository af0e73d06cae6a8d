import type { LinkType } from './qbr.schemas.ts'

export const ACTION_REVIEW_KEY = 'ACTION_REVIEW'

export interface TemplateItem {
  key: string
  title: string
  timeboxMinutes: number
  linkType: LinkType | null
  linkRef: string | null
}

/** The standard QBR agenda, in order. The action items review receives the previous QBR's open items. */
export const STANDARD_AGENDA: readonly TemplateItem[] = [
  { key: 'SERVICE_PERFORMANCE', title: 'Service performance and SLAs', timeboxMinutes: 20, linkType: 'SLA_SECTION', linkRef: 'summary' },
  { key: 'INCIDENTS', title: 'Incidents and escalations', timeboxMinutes: 15, linkType: 'SLA_SECTION', linkRef: 'breaches' },
  { key: 'RESPONSIBILITIES', title: 'Responsibility changes', timeboxMinutes: 10, linkType: null, linkRef: null },
  { key: 'ROADMAP', title: 'Roadmap and joint innovation', timeboxMinutes: 20, linkType: null, linkRef: null },
  { key: 'CSI', title: 'CSI progress', timeboxMinutes: 10, linkType: null, linkRef: null },
  { key: 'BUDGET', title: 'Budget', timeboxMinutes: 10, linkType: null, linkRef: null },
  { key: ACTION_REVIEW_KEY, title: 'Action items review', timeboxMinutes: 10, linkType: null, linkRef: null },
  { key: 'NEXT_STEPS', title: 'Next steps', timeboxMinutes: 5, linkType: null, linkRef: null },
]
