import { describe, expect, it } from 'vitest'
import { minutesDigest } from './minutes-digest.ts'

const base = { quarter: '2026-Q3', title: 'Q3 review', agenda: [{ title: 'SLA', minutes: 'P2 slipped in August.' }, { title: 'Roadmap', minutes: '' }], decisions: [{ text: 'Add a second engineer', decidedBy: 'Casey' }] }

describe('minutesDigest', () => {
  it('writes the minutes as one text and hashes it; line ends and trailing spaces do not change the hash', () => {
    const d = minutesDigest(base)
    expect(d.text).toBe('QBR 2026-Q3: Q3 review\n\n1. SLA\nP2 slipped in August.\n\n2. Roadmap\n(no minutes)\n\nDecisions\n\n- Add a second engineer (Casey)\n')
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(minutesDigest({ ...base, agenda: [{ title: 'SLA ', minutes: 'P2 slipped in August.\r\n' }, base.agenda[1]] }).sha256).toBe(d.sha256)
  })

  it('changes with any word of the minutes, their order or a decision', () => {
    const d = minutesDigest(base).sha256
    expect(minutesDigest({ ...base, agenda: [{ title: 'SLA', minutes: 'P2 slipped in July.' }, base.agenda[1]] }).sha256).not.toBe(d)
    expect(minutesDigest({ ...base, agenda: [...base.agenda].reverse() }).sha256).not.toBe(d)
    expect(minutesDigest({ ...base, decisions: [] }).sha256).not.toBe(d)
  })
})
