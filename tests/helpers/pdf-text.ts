// Text of a PDF, page by page, with pdf.js (offline, no canvas): how the tests read the pack back.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    // Items on one baseline joined by a space, lines by a newline; runs of blanks as one space.
    let lastY: number | null = null
    let text = ''
    for (const item of content.items) {
      if (!('str' in item)) continue
      const y = item.transform[5]
      text += lastY === null ? '' : Math.abs(y - lastY) > 1 ? '\n' : ' '
      text += item.str
      lastY = y
    }
    pages.push(text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n'))
  }
  await doc.destroy()
  return pages
}
