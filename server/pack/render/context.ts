// What every section of the pack is drawn with: the snapshot, the page writer, and the date formats of the pack.
import { PACK_SECTIONS } from '../../../app/charts/pack-format.ts'
import type { PackSnapshot } from '../snapshot.ts'
import type { PackWriter } from './writer.ts'

export interface SectionContext {
  s: PackSnapshot
  w: PackWriter
  /** A calendar day in the partnership's time zone ("05 Oct 2026"). */
  day: (iso: string) => string
  /** An instant with time and zone, for the cover's "as of". */
  instant: (iso: string) => string
}

export const sectionTitle = (id: (typeof PACK_SECTIONS)[number]['id']) => PACK_SECTIONS.find((x) => x.id === id)!.title
