// The page and soak benchmarks' partnership: 500 roadmap items, 100 responsibility functions, an MSP admin and a
// client executive (both may edit the roadmap), each with a session cookie and an API token.
import { hashPassword } from '../../server/auth/password.server.ts'
import type { PrismaClient } from '../../server/db/client.server.ts'
import { createApiToken } from '../../server/tokens/create-api-token.server.ts'

export const SLUG = 'bench'
const PASSWORD = 'bench-password-1'
export const MSP_EMAIL = 'msp@bench.example'
export const CLIENT_EMAIL = 'client@bench.example'

export async function seedWorkspace(prisma: PrismaClient) {
  const msp = await prisma.organization.create({ data: { kind: 'MSP', slug: 'bench-msp', name: 'Bench MSP' } })
  const client = await prisma.organization.create({ data: { kind: 'CLIENT', slug: 'bench-client', name: 'Bench Client' } })
  const p = await prisma.partnership.create({ data: { slug: SLUG, mspOrgId: msp.id, clientOrgId: client.id } })
  const passwordHash = await hashPassword(PASSWORD)
  const mspUser = await prisma.user.create({ data: { email: MSP_EMAIL, name: 'Bench MSP admin', passwordHash } })
  const clientUser = await prisma.user.create({ data: { email: CLIENT_EMAIL, name: 'Bench client', passwordHash } })
  await prisma.membership.create({ data: { organizationId: msp.id, userId: mspUser.id, role: 'MSP_ADMIN' } })
  await prisma.membership.create({ data: { organizationId: client.id, userId: clientUser.id, role: 'CLIENT_EXECUTIVE' } })
  await prisma.roadmapItem.createMany({
    data: Array.from({ length: 500 }, (_, i) => ({
      partnershipId: p.id,
      title: `Roadmap item ${i}`,
      description: 'A realistic paragraph of description text for the item. '.repeat(3),
      proposedBy: i % 2 ? 'MSP' : 'CLIENT',
      status: (['IDEA', 'PROPOSED', 'APPROVED', 'IN_PROGRESS'] as const)[i % 4],
      targetQuarter: `2027-Q${(i % 4) + 1}`,
      oneTimeCents: BigInt(100_000 * (i % 17)),
      recurringCents: BigInt(10_000 * (i % 5)),
    })),
  })
  await prisma.responsibilityFunction.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      partnershipId: p.id,
      category: `Category ${i % 8}`,
      name: `Function ${i}`,
      classification: (['STRATEGIC', 'TACTICAL', 'SHARED'] as const)[i % 3],
      mspRaci: i % 2 ? 'RA' : 'C',
      clientRaci: i % 2 ? 'I' : 'RA',
      slaPriorities: ['P2'],
      queues: ['Service Desk'],
    })),
  })
  const tokens = {
    msp: (await createApiToken({ userId: mspUser.id, label: 'bench' }, { name: 'bench' })).token,
    client: (await createApiToken({ userId: clientUser.id, label: 'bench' }, { name: 'bench' })).token,
  }
  const items = (await prisma.roadmapItem.findMany({ where: { partnershipId: p.id }, select: { id: true, version: true }, orderBy: { title: 'asc' }, take: 100 })).map((i) => ({ ...i }))
  return { tokens, items }
}

export async function signInAs(appUrl: string, email: string): Promise<string> {
  const login = await fetch(`${appUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: appUrl },
    body: new URLSearchParams({ email, password: PASSWORD }),
  })
  const cookie = login.headers.getSetCookie()[0]?.split(';')[0]
  if (login.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${login.status}`)
  return cookie
}

export const READS: Array<{ path: string; party: 'msp' | 'client' }> = [
  { path: `/p/${SLUG}/roadmap?_data=${encodeURIComponent('routes/p.$slug.roadmap._index')}`, party: 'client' },
  { path: `/p/${SLUG}/workspace?_data=${encodeURIComponent('routes/p.$slug.workspace')}`, party: 'client' },
  { path: `/p/${SLUG}/roadmap?_data=${encodeURIComponent('routes/p.$slug.roadmap._index')}`, party: 'msp' },
  { path: `/p/${SLUG}/workspace?_data=${encodeURIComponent('routes/p.$slug.workspace')}`, party: 'msp' },
]

export interface LoadResult {
  /** With a think time: the median by request (roadmap, workspace, edit). */
  p50ByKind?: Record<string, number>
  p50: number
  p99: number
  max: number
  requests: number
  rps: number
  errors: number
  timeouts: number
  non2xx: number
  statuses: Record<string, number>
}

/** Runs tests/bench/load-mix.mjs in its own process; one result per target. */
export async function mixedLoad(config: {
  targets: string[]
  connections: number
  seconds: number
  reads: Array<{ path: string; party?: 'msp' | 'client' }>
  writeEvery: number
  items?: Array<{ id: string; version: number }>
  cookies?: Record<string, string>
  tokens?: Record<string, string>
  /** Users wait this long on average between an answer and their next request (0: back to back). */
  thinkMs?: number
}): Promise<LoadResult[]> {
  const { execFile } = await import('node:child_process')
  const script = new URL('./load-mix.mjs', import.meta.url).pathname
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [script, JSON.stringify({ slug: SLUG, items: [], cookies: {}, tokens: {}, ...config })], { maxBuffer: 10 * 1024 * 1024 }, (error, out) =>
      error ? reject(error) : resolve(out),
    ),
  )
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as LoadResult)
}

export const fiveHundreds = (r: LoadResult) => Object.entries(r.statuses).reduce((n, [code, count]) => (Number(code) >= 500 ? n + count : n), 0)
