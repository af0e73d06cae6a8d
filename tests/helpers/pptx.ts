// Reads a .pptx back (a zip of XML parts) for tests: each slide's text runs in order, its notes, and the numbers of
// the native charts it holds.
import JSZip from 'jszip'

export interface ParsedSlide {
  texts: string[]
  notes: string
  /** Per chart on the slide: its series' names and values as written in the chart part. */
  charts: Array<{ series: Array<{ name: string; values: Array<number | null> }> }>
  tables: number
}

const decode = (s: string) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&')
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]))
const num = (n: string) => (n === '' ? null : Number(n))

async function rels(zip: JSZip, part: string): Promise<Record<string, string>> {
  const dir = part.slice(0, part.lastIndexOf('/'))
  const file = `${dir}/_rels/${part.slice(dir.length + 1)}.rels`
  const xml = (await zip.file(file)?.async('string')) ?? ''
  const out: Record<string, string> = {}
  for (const m of xml.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)) out[m[1]] = new URL(m[2], `file:///${dir}/`).pathname.slice(1)
  return out
}

function chartSeries(xml: string) {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser]) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser)?.[1] ?? ''
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1] ?? ''
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0)
    const values: Array<number | null> = Array(count).fill(null)
    for (const m of val.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g)) values[Number(m[1])] = num(m[2])
    return { name: decode(name), values }
  })
}

export async function readPptx(bytes: Uint8Array): Promise<ParsedSlide[]> {
  const zip = await JSZip.loadAsync(bytes)
  const presentation = (await zip.file('ppt/presentation.xml')?.async('string')) ?? ''
  const presRels = await rels(zip, 'ppt/presentation.xml')
  // Slides in presentation order (sldIdLst), not in file-name order.
  const order = [...presentation.matchAll(/<p:sldId [^>]*r:id="([^"]+)"/g)].map((m) => presRels[m[1]])
  const slides: ParsedSlide[] = []
  for (const part of order) {
    const xml = await zip.file(part)!.async('string')
    const r = await rels(zip, part)
    const targets = Object.values(r)
    const notesPart = targets.find((t) => t.includes('notesSlide'))
    const notes = notesPart ? runs(await zip.file(notesPart)!.async('string')).join('') : ''
    const charts = []
    for (const t of targets.filter((x) => /charts\/chart\d+\.xml$/.test(x))) charts.push({ series: chartSeries(await zip.file(t)!.async('string')) })
    slides.push({ texts: runs(xml), notes, charts, tables: (xml.match(/<a:tbl>/g) ?? []).length })
  }
  return slides
}
