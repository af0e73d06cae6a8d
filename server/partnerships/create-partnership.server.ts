import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { AppError } from '../errors.ts'
import { ZCreatePartnershipInput } from './partnerships.schemas.ts'

/** Operator action (the `accord` CLI): links an MSP and a client. No user scope: not reachable from the API. */
export async function createPartnership(actor: Actor, input: unknown) {
  const { msp, client, slug } = ZCreatePartnershipInput.parse(input)
  const prisma = await db()
  return prisma.$transaction(async (tx) => {
    const [mspOrg, clientOrg] = await Promise.all([
      tx.organization.findUnique({ where: { slug: msp } }),
      tx.organization.findUnique({ where: { slug: client } }),
    ])
    if (!mspOrg || mspOrg.kind !== 'MSP') throw new AppError('BAD_REQUEST', `msp: no MSP organization "${msp}"`, { fieldErrors: [{ field: 'msp', message: 'No such MSP' }] })
    if (!clientOrg || clientOrg.kind !== 'CLIENT') {
      throw new AppError('BAD_REQUEST', `client: no client organization "${client}"`, { fieldErrors: [{ field: 'client', message: 'No such client' }] })
    }
    if (await tx.partnership.findUnique({ where: { slug } })) {
      throw new AppError('CONFLICT', `slug: "${slug}" is taken`, { fieldErrors: [{ field: 'slug', message: 'Already taken' }] })
    }
    if (await tx.partnership.findFirst({ where: { mspOrgId: mspOrg.id, clientOrgId: clientOrg.id } })) {
      throw new AppError('CONFLICT', `${msp} and ${client} are already partners`)
    }
    const created = await tx.partnership.create({ data: { slug, mspOrgId: mspOrg.id, clientOrgId: clientOrg.id } })
    await recordAudit(tx, {
      actor,
      action: 'partnership.create',
      entityType: 'Partnership',
      entityId: created.id,
      partnershipId: created.id,
      after: { slug, msp, client, status: created.status },
    })
    return created
  })
}
