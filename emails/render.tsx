import type { ReactElement } from 'react'

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/**
 * Renders a template to HTML once and derives the plain-text part from that HTML, so both parts always say the
 * same thing (links written out after their label).
 */
export async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  // Loaded on first use: the renderer (react-dom/server, html-to-text) is half a second of start-up that CLI
  // commands which send nothing should not pay.
  const { render, toPlainText } = await import('@react-email/render')
  const html = await render(element)
  const text = toPlainText(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'table.data', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 40 } },
    ],
  })
  return { subject, html, text }
}
