import { sendPackReady } from '../notifications/send-pack-ready.server.ts'
import { createHash } from 'node:crypto'
import type { PartnershipScope } from '../access/policy.server.ts'
import { type Actor, recordAudit } from '../audit/record-audit.server.ts'
import { db } from '../db/client.server.ts'
import { Prisma } from '../db/generated/client.ts'
import { type ProgressFn, buildPackSnapshot } from './build-pack-snapshot.server.ts'
import { type PackVersionDto, ZPackInput } from './pack.schemas.ts'
import { toPackVersionDto } from './list-pack-versions.server.ts'
import { enqueueWebhookEvents, kickWebhookDeliveries } from '../webhooks/enqueue-webhook-event.server.ts'
import { renderPack } from './render-pack.ts'

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
export const countPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0

/**
 * Draws the pack from live data as of an instant and freezes it as the next version for the quarter: the snapshot,
 * the PDF and its SHA-256, in one insert (a stored version is never updated). Reports progress through
 * `onProgress(stage, done, total)` for the stages gather, render and store, so it runs as well in a request, the
 * CLI or a background job.
 */
export async function generatePack(
  scope: PartnershipScope,
  actor: Actor,
  input: unknown,
  options: { onProgress?: ProgressFn; now?: Date; /** Mail "pack ready" to both parties (the portal's generate; not CLI batches). */ notify?: { appUrl: string } } = {},
): Promise<PackVersionDto> {
  const parsed = ZPackInput.parse(input)
  const snapshot = await buildPackSnapshot(scope, parsed, options)
  const pdf = await renderPack(snapshot, options)
  options.onProgress?.('store', 0, 1)
  const sha256 = sha256Hex(pdf)
  const prisma = await db()
  // Two generations at once may pick the same next number: the unique key refuses the second, which retries.
  for (let attempt = 0; ; attempt++) {
    let webhooks = 0
    try {
      const row = await prisma.$transaction(async (tx) => {
        const last = await tx.packVersion.findFirst({ where: { partnershipId: scope.id, quarter: parsed.quarter }, orderBy: { version: 'desc' }, select: { version: true } })
        const created = await tx.packVersion.create({
          data: {
            partnershipId: scope.id,
            quarter: parsed.quarter,
            version: (last?.version ?? 0) + 1,
            asOf: new Date(snapshot.asOf),
            generatedByUserId: actor.userId,
            generatedByLabel: actor.label,
            sha256,
            byteSize: pdf.length,
            pages: countPages(pdf),
            snapshot: snapshot as unknown as Prisma.InputJsonValue,
            pdf: new Uint8Array(pdf),
          },
          select: { quarter: true, version: true, asOf: true, generatedByLabel: true, generatedAt: true, sha256: true, byteSize: true, pages: true },
        })
        await recordAudit(tx, {
          actor,
          action: 'pack.generate',
          entityType: 'PackVersion',
          entityId: `${parsed.quarter}/v${created.version}`,
          partnershipId: scope.id,
          after: { quarter: parsed.quarter, version: created.version, asOf: snapshot.asOf, sha256 },
        })
        webhooks = await enqueueWebhookEvents(tx, scope.id, [
          { event: 'pack.frozen', data: { quarter: created.quarter, version: created.version, sha256: created.sha256, asOf: created.asOf.toISOString(), pages: created.pages, generatedBy: created.generatedByLabel } },
        ])
        return created
      })
      if (webhooks > 0) await kickWebhookDeliveries()
      options.onProgress?.('store', 1, 1)
      if (options.notify) {
        // The pack is stored: a mail that fails is recorded by the sender, and never fails the generation.
        await sendPackReady({
          partnershipId: scope.id,
          qbrTitle: `QBR ${row.quarter}`,
          version: row.version,
          sha256: row.sha256,
          generatedBy: actor.label,
          url: `${options.notify.appUrl.replace(/\/$/, '')}/p/${scope.slug}/packs`,
          appUrl: options.notify.appUrl,
        }).catch((error: unknown) => console.warn(`pack ${row.quarter} v${row.version} of ${scope.slug}: "pack ready" not sent: ${error instanceof Error ? error.message : String(error)}`))
      }
      return toPackVersionDto(row)
    } catch (error) {
      if (attempt < 3 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue
      throw error
    }
  }
}
