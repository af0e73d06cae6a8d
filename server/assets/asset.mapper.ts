import { createHash } from 'node:crypto'
import type { AssetInput, AssetDto } from './assets.schemas.ts'

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null)
const date = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null)

/** The stored columns of an input, and its content hash (an unchanged row is left alone). */
export function toAssetColumns(input: AssetInput) {
  const columns = {
    name: input.name,
    type: input.type,
    model: input.model,
    serial: input.serial,
    assignedUser: input.assignedUser,
    site: input.site,
    purchaseDate: date(input.purchaseDate),
    warrantyEnd: date(input.warrantyEnd),
    endOfLife: date(input.endOfLife),
    replacementCostCents: BigInt(Math.round(input.replacementCost * 100)),
    currency: input.currency,
    retired: input.retired,
  }
  const hash = createHash('sha256')
    .update(JSON.stringify({ ...input, externalId: undefined, replacementCost: Math.round(input.replacementCost * 100) }))
    .digest('base64url')
  return { columns, contentHash: hash }
}

export function toAssetDto(row: {
  id: string
  source: string
  externalId: string
  name: string
  type: string
  model: string
  serial: string
  assignedUser: string
  site: string
  purchaseDate: Date | null
  warrantyEnd: Date | null
  endOfLife: Date | null
  replacementCostCents: bigint
  currency: string
  retired: boolean
}): AssetDto {
  return {
    id: row.id,
    source: row.source,
    externalId: row.externalId,
    name: row.name,
    type: row.type,
    model: row.model,
    serial: row.serial,
    assignedUser: row.assignedUser,
    site: row.site,
    purchaseDate: day(row.purchaseDate),
    warrantyEnd: day(row.warrantyEnd),
    endOfLife: day(row.endOfLife),
    replacementCostCents: Number(row.replacementCostCents),
    currency: row.currency,
    retired: row.retired,
  }
}
