import { z } from 'zod'
import { ZVersion } from '../validation/bounds.ts'
import { type SendResult, sendEmails } from '../../emails/send-email.server.ts'
import { packReadyEmail } from '../../emails/templates/pack-ready.tsx'
import { db } from '../db/client.server.ts'
import { appBaseUrl } from '../http/app-url.ts'
import { filterByPreference, partnershipRecipients } from './preferences.server.ts'

export const ZSendPackReadyInput = z.object({
  partnershipId: z.string().min(1),
  qbrTitle: z.string().trim().min(1).max(200),
  version: ZVersion,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 in hex'),
  generatedBy: z.string().trim().min(1).max(200),
  /** The pack's download page. */
  url: z.url(),
  /** Default: every member of both parties who wants the message (everyone reads packs). */
  recipients: z.array(z.object({ email: z.email(), name: z.string().nullish() })).max(500).optional(),
  appUrl: z.url().optional(),
})
export type SendPackReadyInput = z.input<typeof ZSendPackReadyInput>

/** "The QBR pack is ready", with the link, to the partnership's people who want it. Call after the pack is stored. */
export async function sendPackReady(input: SendPackReadyInput): Promise<{ sent: string[]; results: SendResult[] }> {
  const p = ZSendPackReadyInput.parse(input)
  const appUrl = p.appUrl?.replace(/\/$/, '') ?? appBaseUrl()
  const partnership = await (await db()).partnership.findUniqueOrThrow({
    where: { id: p.partnershipId },
    select: { mspOrgId: true, clientOrgId: true, mspOrg: { select: { name: true } }, clientOrg: { select: { name: true } } },
  })
  const wanted = p.recipients
    ? await filterByPreference('PACK_READY', p.recipients, [partnership.mspOrgId, partnership.clientOrgId])
    : await partnershipRecipients(partnership, 'PACK_READY')
  if (wanted.length === 0) return { sent: [], results: [] }
  const rendered = await packReadyEmail({
    partnershipName: `${partnership.mspOrg.name} × ${partnership.clientOrg.name}`,
    qbrTitle: p.qbrTitle,
    version: p.version,
    sha256: p.sha256,
    generatedBy: p.generatedBy,
    url: p.url,
    appUrl,
  })
  const results = await sendEmails(wanted.map((r) => ({ ...rendered, to: r.email, kind: 'PACK_READY' as const, context: { partnershipId: p.partnershipId } })))
  return { sent: wanted.map((r) => r.email), results }
}
