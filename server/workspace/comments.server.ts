import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import type { CommentDto } from './workspace.schemas.ts'

/** Members of either party, by a mention handle: `@casey` or `@casey@contoso.example` (the email's local part or whole). */
async function resolveMentions(scope: PartnershipScope, body: string) {
  const handles = [...body.matchAll(/(?:^|[\s(])@([a-z0-9._+-]+(?:@[a-z0-9.-]+)?)/gi)].map((m) => m[1].toLowerCase())
  if (handles.length === 0) return []
  const members = await (await db()).membership.findMany({
    where: { organizationId: { in: [scope.mspOrgId, scope.clientOrgId] } },
    select: { user: { select: { id: true, name: true, email: true } } },
  })
  return members
    .map((m) => m.user)
    .filter((u) => handles.some((h) => u.email === h || u.email.split('@')[0] === h))
    .map((u) => ({ userId: u.id, name: u.name }))
}

export async function addComment(scope: PartnershipScope, actor: Actor, entityType: string, entityId: string, body: string): Promise<CommentDto> {
  const mentions = await resolveMentions(scope, body)
  const prisma = await db()
  const comment = await prisma.$transaction(async (tx) => {
    const created = await tx.comment.create({
      data: {
        partnershipId: scope.id,
        entityType,
        entityId,
        authorId: actor.userId,
        authorLabel: actor.label,
        authorParty: scope.party,
        body,
        mentions: mentions.map((m) => m.userId),
      },
    })
    await recordAudit(tx, { actor, action: 'comment.create', entityType: 'Comment', entityId: created.id, partnershipId: scope.id, after: { on: `${entityType}:${entityId}`, body } })
    return created
  })
  return { id: comment.id, author: comment.authorLabel, authorParty: comment.authorParty, body, mentions, createdAt: comment.createdAt.toISOString() }
}

export async function listComments(scope: PartnershipScope, entityType: string, entityId: string): Promise<CommentDto[]> {
  const prisma = await db()
  const rows = await prisma.comment.findMany({ where: { partnershipId: scope.id, entityType, entityId }, orderBy: { createdAt: 'asc' } })
  const ids = [...new Set(rows.flatMap((r) => r.mentions))]
  const users = ids.length ? await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : []
  const names = new Map(users.map((u) => [u.id, u.name]))
  return rows.map((r) => ({
    id: r.id,
    author: r.authorLabel,
    authorParty: r.authorParty,
    body: r.body,
    mentions: r.mentions.map((id) => ({ userId: id, name: names.get(id) ?? 'former member' })),
    createdAt: r.createdAt.toISOString(),
  }))
}
