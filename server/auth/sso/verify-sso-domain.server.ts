import type { OrgScope } from '../../access/policy.server.ts'
import { type Actor, recordAudit } from '../../audit/record-audit.server.ts'
import { type Tx, db } from '../../db/client.server.ts'
import { AppError, notFound } from '../../errors.ts'
import { DOMAIN_RECORD_PREFIX, DOMAIN_RECORD_VALUE_PREFIX } from './sso.schemas.ts'
import { txtRecords } from './dns-txt.server.ts'

const takenElsewhere = () => new AppError('CONFLICT', 'This domain is verified by another organization')

/** Marks a claimed domain verified, unless another organization holds it (the unique verifiedDomain decides a race). */
async function markVerified(tx: Tx, row: { id: string; organizationId: string; domain: string }, actor: Actor, how: 'dns' | 'operator') {
  const taken = await tx.ssoDomain.findUnique({ where: { verifiedDomain: row.domain }, select: { organizationId: true } })
  if (taken && taken.organizationId !== row.organizationId) throw takenElsewhere()
  await tx.ssoDomain.update({ where: { id: row.id, organizationId: row.organizationId }, data: { verifiedAt: new Date(), verifiedDomain: row.domain } })
  await recordAudit(tx, { actor, action: 'sso.domain.verify', entityType: 'SsoDomain', entityId: row.id, organizationId: row.organizationId, after: { domain: row.domain, how } })
}

async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await (await db()).$transaction(work)
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw takenElsewhere()
    throw error
  }
}

/**
 * Proves the organization controls a domain: a TXT record `accord-domain-verification=<token>` at
 * `_accord-challenge.<domain>`, read through the system resolver (node:dns).
 */
export async function verifySsoDomain(scope: OrgScope, actor: Actor, input: { domainId: string }) {
  const prisma = await db()
  const row = await prisma.ssoDomain.findFirst({ where: { id: input.domainId, organizationId: scope.orgId } })
  if (!row) throw notFound('Domain')
  if (row.verifiedAt) return { verified: true, message: `${row.domain} is verified.` }
  const name = `${DOMAIN_RECORD_PREFIX}.${row.domain}`
  let records: string[]
  try {
    records = await txtRecords(name)
  } catch {
    return { verified: false, message: `The DNS lookup of ${name} failed; try again in a few minutes.` }
  }
  if (!records.includes(`${DOMAIN_RECORD_VALUE_PREFIX}${row.verificationToken}`)) {
    return { verified: false, message: `No TXT record at ${name} holds this domain's value yet (DNS changes can take a while to appear).` }
  }
  await inTransaction((tx) => markVerified(tx, row, actor, 'dns'))
  return { verified: true, message: `${row.domain} is verified.` }
}

/**
 * The operator's confirmation (`accord sso verify-domain`), for a deployment that cannot reach DNS: the operator
 * vouches for the claim. It skips the access policy and the DNS proof, hence the name; never call it from a route.
 */
export async function unsafeConfirmSsoDomain(orgSlug: string, domain: string) {
  const prisma = await db()
  const row = await prisma.ssoDomain.findFirst({ where: { domain, organization: { slug: orgSlug } } })
  if (!row) throw new AppError('BAD_REQUEST', `domain: ${orgSlug} has not claimed ${domain} (claim it on its SSO page first)`, { fieldErrors: [{ field: 'domain', message: 'Not claimed' }] })
  if (!row.verifiedAt) await inTransaction((tx) => markVerified(tx, row, { userId: null, label: 'cli' }, 'operator'))
  return { domain: row.domain, verified: true }
}
