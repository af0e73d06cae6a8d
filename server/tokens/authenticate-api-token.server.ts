import { db } from '../db/client.server.ts'
import { hashToken } from './token-format.ts'

const TOUCH_EVERY_MS = 60_000

export async function authenticateApiToken(token: string) {
  const prisma = await db()
  const found = await prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
  })
  if (!found || found.revokedAt) return null
  const now = new Date()
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: now } })
  }
  return { tokenId: found.id, user: found.user }
}
