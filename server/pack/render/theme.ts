// The pack's page geometry and colours, shared by the writer, the charts and every section.
export const PAGE = { width: 595.28, height: 841.89 }
export const M = { left: 42, right: 42, top: 56, bottom: 54 }
export const CONTENT_W = PAGE.width - M.left - M.right
export const BOTTOM = PAGE.height - M.bottom
export const INK = '#1b1f24'
export const MUTED = '#57606a'
export const RULE = '#d0d7de'
export const GOOD = '#0e7c66'
export const BAD = '#b42318'
/** Space between a table cell's edge and its text. */
export const CELL_PAD = 4
/** A column of a pack table: its header, width in points, and alignment of its cells. */
export interface Column {
  header: string
  width: number
  align?: 'left' | 'right'
}
