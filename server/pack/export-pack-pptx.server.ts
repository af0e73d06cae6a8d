import type { PartnershipScope } from '../access/policy.server.ts'
import { getPackSnapshot } from './list-pack-versions.server.ts'
import type { PackVersionDto } from './pack.schemas.ts'
import { renderPackPptx } from './pptx/render-pptx.ts'

/** One frozen version as an editable deck: its stored snapshot drawn as slides, its PDF's hash in every slide's notes. */
export async function exportPackPptx(scope: PartnershipScope, input: unknown): Promise<{ version: PackVersionDto; pptx: Buffer }> {
  const { version, snapshot } = await getPackSnapshot(scope, input)
  return { version, pptx: await renderPackPptx(snapshot, version) }
}
