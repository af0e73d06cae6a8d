import { db } from '../db/client.server.ts'
import type { ApiTokenDto } from './api-tokens.schemas.ts'

export function toApiTokenDto(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenDto {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }
}

export async function listApiTokens(userId: string): Promise<ApiTokenDto[]> {
  const rows = await (await db()).apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } })
  return rows.map(toApiTokenDto)
}
