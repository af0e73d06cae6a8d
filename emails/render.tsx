import { render, toPlainText } from '@react-email/render'
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
  const html = await render(element)
  const text = toPlainText(html, { selectors: [{ selector: 'img', format: 'skip' }] })
  return { subject, html, text }
}
