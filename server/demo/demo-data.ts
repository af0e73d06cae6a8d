import type { Role } from '../access/permissions.ts'

export const DEMO_PASSWORD = 'accord-demo-2026'

export const DEMO_ORGS = [
  { slug: 'northwind', name: 'Northwind Managed Services', kind: 'MSP', primaryColor: '#1f6feb' },
  { slug: 'tailspin', name: 'Tailspin Security', kind: 'MSP', primaryColor: '#b42318' },
  { slug: 'contoso', name: 'Contoso Manufacturing', kind: 'CLIENT', primaryColor: '#0e7c66' },
  { slug: 'fabrikam', name: 'Fabrikam Financial', kind: 'CLIENT', primaryColor: '#6e40c9' },
] as const

export const DEMO_PARTNERSHIPS = [
  { slug: 'northwind-contoso', msp: 'northwind', client: 'contoso' },
  { slug: 'northwind-fabrikam', msp: 'northwind', client: 'fabrikam' },
  { slug: 'tailspin-contoso', msp: 'tailspin', client: 'contoso' },
] as const

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; org: string; role: Role }> = [
  { email: 'ava@northwind.example', name: 'Ava Northcott', org: 'northwind', role: 'MSP_ADMIN' },
  { email: 'alex@northwind.example', name: 'Alex Rivera', org: 'northwind', role: 'ACCOUNT_MANAGER' },
  { email: 'sam@northwind.example', name: 'Sam Okafor', org: 'northwind', role: 'MSP_ENGINEER' },
  { email: 'tara@tailspin.example', name: 'Tara Lindqvist', org: 'tailspin', role: 'ACCOUNT_MANAGER' },
  { email: 'casey@contoso.example', name: 'Casey Morgan', org: 'contoso', role: 'CLIENT_EXECUTIVE' },
  { email: 'chris@contoso.example', name: 'Chris Patel', org: 'contoso', role: 'CLIENT_IT' },
  { email: 'fiona@fabrikam.example', name: 'Fiona Walsh', org: 'fabrikam', role: 'CLIENT_EXECUTIVE' },
]
