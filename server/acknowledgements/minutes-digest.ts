// The QBR's minutes as one canonical text, and its SHA-256: what both parties acknowledge. Pure. The text is the
// meeting's title, then each agenda item in order with the minutes taken on it, then the decisions; trailing spaces
// and Windows line ends are normalised so that the same minutes always give the same hash.
import { createHash } from 'node:crypto'

export interface MinutesSource {
  quarter: string
  title: string
  agenda: Array<{ title: string; minutes: string }>
  decisions: Array<{ text: string; decidedBy: string | null }>
}

const clean = (s: string) => s.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trimEnd()).join('\n').trim()

export function minutesText(m: MinutesSource): string {
  const agenda = m.agenda.map((a, i) => `${i + 1}. ${clean(a.title)}\n${clean(a.minutes) || '(no minutes)'}`)
  const decisions = m.decisions.map((d) => `- ${clean(d.text)}${d.decidedBy ? ` (${clean(d.decidedBy)})` : ''}`)
  return [`QBR ${m.quarter}: ${clean(m.title)}`, ...agenda, 'Decisions', ...(decisions.length ? decisions : ['(none)'])].join('\n\n') + '\n'
}

export function minutesDigest(m: MinutesSource): { text: string; sha256: string } {
  const text = minutesText(m)
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') }
}
