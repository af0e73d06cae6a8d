import { describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { closeLinkedItem } from '../../server/writeback/close-linked-item.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

// Closing a roadmap item from its closed PSA ticket: an approved item goes through IN_PROGRESS to DONE, two
// versioned steps that commit together or not at all.

const actor = { userId: null, label: 'test' }

async function approvedItemWithClosedTicket() {
  const { partnership } = await createPartnershipGraph()
  const scope = await unsafeOperatorScope(partnership.slug)
  const prisma = await db()
  const item = await prisma.roadmapItem.create({ data: { partnershipId: partnership.id, title: 'Roll out MFA', proposedBy: 'MSP', status: 'APPROVED' } })
  const link = await prisma.psaTicketLink.create({
    data: { partnershipId: partnership.id, itemKind: 'ROADMAP_ITEM', itemId: item.id, kind: 'connectwise', idempotencyKey: `close-${item.id}`, state: 'SENT', boardOrQueue: '1', ticketNumber: '#1', psaClosed: true, sentBy: 'test' },
  })
  return { scope, item, link, input: { slug: partnership.slug, linkId: link.id, baseVersion: item.version } }
}

const stateOf = async (id: string) => {
  const prisma = await db()
  const row = await prisma.roadmapItem.findUniqueOrThrow({ where: { id } })
  const history = await prisma.fieldChange.findMany({ where: { entityId: id }, orderBy: { version: 'asc' }, select: { version: true, field: true, before: true, after: true } })
  return { status: row.status, version: row.version, history }
}

describe('closing a linked roadmap item', () => {
  it('goes from APPROVED through IN_PROGRESS to DONE, both steps in the history', async () => {
    const { scope, item, input } = await approvedItemWithClosedTicket()
    expect(await closeLinkedItem(scope, actor, input)).toEqual({ itemKind: 'ROADMAP_ITEM', status: 'DONE' })
    expect(await stateOf(item.id)).toEqual({
      status: 'DONE',
      version: 3,
      history: [
        { version: 2, field: 'status', before: 'APPROVED', after: 'IN_PROGRESS' },
        { version: 3, field: 'status', before: 'IN_PROGRESS', after: 'DONE' },
      ],
    })
  })

  it('leaves the item APPROVED, its history untouched, when the second step fails', async () => {
    const { scope, item, input } = await approvedItemWithClosedTicket()
    const prisma = await db()
    // A real failure of the second write, in the database itself: the first step's write must be undone with it.
    await prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused: DONE'; END $$`)
    await prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_done BEFORE UPDATE ON "RoadmapItem" FOR EACH ROW WHEN (NEW.status = 'DONE') EXECUTE FUNCTION refuse_done()`)
    try {
      await expect(closeLinkedItem(scope, actor, input)).rejects.toThrow(/refused: DONE/)
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER refuse_done ON "RoadmapItem"`)
      await prisma.$executeRawUnsafe(`DROP FUNCTION refuse_done()`)
    }
    expect(await stateOf(item.id)).toEqual({ status: 'APPROVED', version: 1, history: [] })
    expect(await prisma.auditEvent.count({ where: { entityId: item.id } })).toBe(0)
  })
})
