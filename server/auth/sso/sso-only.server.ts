import { db } from '../../db/client.server.ts'
import { AppError } from '../../errors.ts'

const refusal = (orgName: string) =>
  new AppError('FORBIDDEN', `${orgName} signs its people in with single sign-on only: use “Sign in with SSO” instead of a password.`, {
    details: { ssoOnly: true },
  })

/**
 * SSO-only organizations disable passwords for their people (issue 13 §4): password sign-in, reset and change call
 * this. With the email alone it refuses an address whose domain an SSO-only organization verified (the domain's
 * SSO is public anyway, so no account is revealed); with the user id it also refuses any member of an SSO-only
 * organization, whatever their address (call it with the id only once the password has been checked, so a wrong
 * password does not learn the membership).
 */
export async function assertPasswordsAllowed(who: { email: string; userId?: string }): Promise<void> {
  const prisma = await db()
  const domain = who.email.slice(who.email.lastIndexOf('@') + 1).toLowerCase()
  const byDomain = await prisma.ssoDomain.findUnique({
    where: { verifiedDomain: domain },
    select: { organization: { select: { name: true, ssoConnection: { select: { ssoOnly: true, enabled: true } } } } },
  })
  const c = byDomain?.organization.ssoConnection
  if (c?.ssoOnly && c.enabled) throw refusal(byDomain!.organization.name)
  if (!who.userId) return
  const member = await prisma.membership.findFirst({
    where: { userId: who.userId, organization: { ssoConnection: { ssoOnly: true, enabled: true } } },
    select: { organization: { select: { name: true } } },
  })
  if (member) throw refusal(member.organization.name)
}
