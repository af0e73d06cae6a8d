import { ROLE_LABELS, type Role } from '../../server/access/permissions.ts'
import type { EmailMessage } from '../send-email.server.ts'

export function invitationEmail(args: { to: string; orgName: string; inviterName: string; role: Role; link: string; expiresAt: Date }): EmailMessage {
  const until = args.expiresAt.toUTCString()
  return {
    to: args.to,
    subject: `You're invited to ${args.orgName} on Accord`,
    text: [
      `${args.inviterName} invited you to join ${args.orgName} on Accord as ${ROLE_LABELS[args.role]}.`,
      '',
      `Accept the invitation and set your password: ${args.link}`,
      '',
      `The link works once and expires on ${until}.`,
    ].join('\n'),
  }
}
