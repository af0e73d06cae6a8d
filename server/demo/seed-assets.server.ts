// The demo's assets (issue 16 §2): a client's fleet bought in waves, so the forecast has a lumpy quarter to plan
// (a laptop refresh) beside servers and firewalls at end of life. Deterministic: the same fleet on every seed.
import { createHash } from 'node:crypto'
import { db } from '../db/client.server.ts'

const DAY = 86_400_000
const FLEET = [
  { type: 'Laptop', model: 'Latitude 5440', count: 37, ageDays: 1000, warrantyDays: 3 * 365, eolDays: null, cost: 1_200_00 },
  { type: 'Laptop', model: 'Latitude 5450', count: 14, ageDays: 400, warrantyDays: 3 * 365, eolDays: null, cost: 1_250_00 },
  { type: 'Desktop', model: 'OptiPlex 7010', count: 12, ageDays: 1500, warrantyDays: 5 * 365, eolDays: null, cost: 950_00 },
  { type: 'Server', model: 'PowerEdge R640', count: 3, ageDays: 1950, warrantyDays: 5 * 365, eolDays: 6 * 365, cost: 8_500_00 },
  { type: 'Firewall', model: 'FortiGate 60F', count: 2, ageDays: 1700, warrantyDays: 3 * 365, eolDays: 5 * 365, cost: 2_600_00 },
] as const

const day = (ms: number) => new Date(Math.floor(ms / DAY) * DAY)

export async function seedDemoAssets(partnershipId: string, slug: string, now: Date, createdAt: Date): Promise<number> {
  const prisma = await db()
  if (await prisma.asset.count({ where: { partnershipId } })) return 0
  const prefix = slug.split('-')[1]?.slice(0, 3).toUpperCase() ?? 'DEM'
  const rows = FLEET.flatMap((f, g) =>
    Array.from({ length: f.count }, (_, i) => {
      // Spread over a quarter, so one wave lands in one or two quarters, as real refreshes do.
      const bought = now.getTime() - (f.ageDays + ((i * 7) % 90)) * DAY
      const externalId = `${f.type.slice(0, 2).toUpperCase()}-${g}-${String(i + 1).padStart(3, '0')}`
      return {
        partnershipId,
        source: 'csv',
        externalId,
        name: `${prefix}-${f.type.slice(0, 2).toUpperCase()}${String(g * 100 + i + 1).padStart(3, '0')}`,
        type: f.type,
        model: f.model,
        serial: createHash('sha1').update(`${slug}:${externalId}`).digest('hex').slice(0, 10).toUpperCase(),
        assignedUser: f.type === 'Laptop' || f.type === 'Desktop' ? `user${String(i + 1).padStart(2, '0')}` : '',
        site: f.type === 'Server' || f.type === 'Firewall' ? 'Head office' : '',
        purchaseDate: day(bought),
        warrantyEnd: day(bought + f.warrantyDays * DAY),
        endOfLife: f.eolDays === null ? null : day(bought + f.eolDays * DAY),
        replacementCostCents: BigInt(f.cost),
        currency: 'USD',
        contentHash: externalId,
        createdAt,
      }
    }),
  )
  return (await prisma.asset.createMany({ data: rows })).count
}
