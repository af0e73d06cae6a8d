// Pages of a PDF as PNG files, drawn by pdf.js (already here for reading text back) inside the Chromium the
// browser tests drive: nothing to install beyond what the e2e tier needs. How the pack is checked by eye
// (CONVENTIONS 14), and how a test tells a blank page from a drawn one.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser } from 'playwright-core'

const PDFJS_BUILD = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build')
// A made-up origin answered by the route below: module scripts and their worker need an http(s) origin.
const ORIGIN = 'http://pdf-pages.test'

// Kept as text (not a function handed to evaluate) so that no test transform touches what runs in the browser.
const PAGE = `<!doctype html><meta charset="utf-8"><body><script type="module">
import * as pdfjs from '/pdf.mjs'
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs'
window.renderPages = async (scale) => {
  const doc = await pdfjs.getDocument({ url: '/doc.pdf', isEvalSupported: false }).promise
  const pages = []
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n)
    const viewport = page.getViewport({ scale })
    const canvas = document.createElement('canvas')
    canvas.width = Math.ceil(viewport.width)
    canvas.height = Math.ceil(viewport.height)
    const context = canvas.getContext('2d')
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    await page.render({ canvas, canvasContext: context, viewport }).promise
    // Ink: pixels clearly darker than paper in any channel (anti-aliased edges of text count too).
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    let ink = 0
    for (let i = 0; i < data.length; i += 4) if (Math.min(data[i], data[i + 1], data[i + 2]) < 235) ink++
    pages.push({ png: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height, inkRatio: ink / (canvas.width * canvas.height) })
  }
  await doc.destroy()
  return pages
}
</script>`

export interface RenderedPage {
  file: string
  width: number
  height: number
  /** Share of the page's pixels that are not paper. */
  inkRatio: number
}

/** Draws every page at `scale` (1 = 72 dpi) into `outDir` as page-01.png, page-02.png, … */
export async function renderPdfPages(browser: Browser, pdf: Uint8Array, outDir: string, options: { scale?: number } = {}): Promise<RenderedPage[]> {
  const context = await browser.newContext()
  try {
    await context.route(`${ORIGIN}/**`, (route) => {
      const { pathname } = new URL(route.request().url())
      if (pathname === '/') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: PAGE })
      if (pathname === '/doc.pdf') return route.fulfill({ contentType: 'application/pdf', body: Buffer.from(pdf) })
      if (pathname === '/pdf.mjs' || pathname === '/pdf.worker.mjs') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(PDFJS_BUILD, pathname)) })
      return route.fulfill({ status: 404, body: '' })
    })
    const page = await context.newPage()
    await page.goto(`${ORIGIN}/`)
    await page.waitForFunction('typeof window.renderPages === "function"')
    const pages = (await page.evaluate(`window.renderPages(${Number(options.scale ?? 1.5)})`)) as Array<{ png: string; width: number; height: number; inkRatio: number }>
    fs.mkdirSync(outDir, { recursive: true })
    return pages.map((p, i) => {
      const file = path.join(outDir, `page-${String(i + 1).padStart(2, '0')}.png`)
      fs.writeFileSync(file, Buffer.from(p.png.slice(p.png.indexOf(',') + 1), 'base64'))
      return { file, width: p.width, height: p.height, inkRatio: p.inkRatio }
    })
  } finally {
    await context.close()
  }
}
