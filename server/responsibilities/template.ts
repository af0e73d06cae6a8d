import type { ResponsibilityFields } from './responsibilities.schemas.ts'

type Row = Pick<ResponsibilityFields, 'category' | 'name' | 'classification' | 'mspRaci' | 'clientRaci'> & Partial<ResponsibilityFields>

// The hybrid IT model as a starter matrix: strategy and governance stay in-house, operations are outsourced,
// a few are genuinely shared. Applying it is one action; every row is editable afterwards.
export const STARTER_TEMPLATE: Row[] = [
  { category: 'Leadership', name: 'IT leadership (CIO / vCIO)', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Leadership', name: 'IT strategy and roadmap', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Leadership', name: 'IT budget and financial planning', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Leadership', name: 'Business relationship management', classification: 'STRATEGIC', mspRaci: 'I', clientRaci: 'RA' },
  { category: 'Security & risk', name: 'Cybersecurity strategy', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Security & risk', name: 'Regulatory compliance', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Security & risk', name: 'Data governance and classification', classification: 'STRATEGIC', mspRaci: 'I', clientRaci: 'RA' },
  { category: 'Security & risk', name: 'Security monitoring (SOC)', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I', slaPriorities: ['P1'] },
  { category: 'Security & risk', name: 'Incident response', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A', slaPriorities: ['P1', 'P2'] },
  { category: 'Security & risk', name: 'Identity and access management', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Security & risk', name: 'Security awareness training', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Vendors', name: 'Vendor management', classification: 'STRATEGIC', mspRaci: 'C', clientRaci: 'RA' },
  { category: 'Vendors', name: 'Software licensing', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Operations', name: 'Help desk (L1/L2)', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I', slaPriorities: ['P2', 'P3', 'P4'], queues: ['Service Desk'] },
  { category: 'Operations', name: 'Infrastructure and network management', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I', slaPriorities: ['P1', 'P2'], queues: ['Network'] },
  { category: 'Operations', name: 'Server and storage management', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' },
  { category: 'Operations', name: 'Endpoint management', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I', queues: ['Endpoint'] },
  { category: 'Operations', name: 'Routine maintenance and patching', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' },
  { category: 'Operations', name: 'Backup and recovery', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' },
  { category: 'Operations', name: 'Disaster recovery planning', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Operations', name: 'Monitoring and alerting (NOC)', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'I' },
  { category: 'Cloud', name: 'Cloud operations', classification: 'TACTICAL', mspRaci: 'RA', clientRaci: 'C', queues: ['Cloud'] },
  { category: 'Cloud', name: 'Cloud migration', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Cloud', name: 'Cloud cost management (FinOps)', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Projects', name: 'Niche AI/ML and specialist projects', classification: 'TACTICAL', mspRaci: 'R', clientRaci: 'A' },
  { category: 'Projects', name: 'Onboarding and offboarding of staff', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A', queues: ['Service Desk'] },
  { category: 'Projects', name: 'Asset lifecycle and procurement', classification: 'SHARED', mspRaci: 'R', clientRaci: 'A' },
]
