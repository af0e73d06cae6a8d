import type { Tx } from '../db/client.server.ts'
import { STARTER_STANDARDS } from './starter-library.ts'

/** Gives an MSP organization the starter library; standards it already holds (by key) are left as they are. */
export async function seedStarterStandards(tx: Tx, organizationId: string): Promise<number> {
  const result = await tx.standard.createMany({
    data: STARTER_STANDARDS.map(({ key, ...fields }) => ({ ...fields, organizationId, starterKey: key })),
    skipDuplicates: true,
  })
  return result.count
}
