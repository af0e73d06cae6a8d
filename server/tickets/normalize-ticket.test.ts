import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentHash, normaliseTicket, statusSourceJson } from './normalize-ticket.ts'
import { ZTicketInput } from './tickets.schemas.ts'

describe('contentHash', () => {
  it('is the hash of the JSON of the ticket as stored before (dates written as JSON.stringify writes them)', () => {
    const base = { externalId: 'T-1', priority: 'High', createdAt: '2026-07-01T09:00:00Z', pauses: [['2026-07-01T10:00:00Z', null]], origin: 'alert', reopens: 2 }
    for (const extra of [{}, { firstResponseAt: '2026-07-01T09:20:00Z', resolvedAt: '2026-07-01T12:00:00.5Z' }]) {
      const { contentHash: hash, ...rest } = normaliseTicket(ZTicketInput.parse({ ...base, ...extra }), { mapping: new Map(), zone: 'UTC' })
      expect(hash).toBe(createHash('sha1').update(JSON.stringify(rest)).digest('base64url'))
      expect(contentHash(rest)).toBe(hash)
    }
  })

  it('hashes a kept status source as JSON.stringify writes it, in any key position, from the text that is stored', () => {
    const input = ZTicketInput.parse({ externalId: 'T-2', priority: 'High', status: 'In Progress', createdAt: '2026-07-01T09:00:00Z', resolvedAt: '2026-07-02T09:00:00Z' })
    const statusSource = { closed: true, resolvedAt: '2026-07-02T09:00:00.000Z', board: '1', changes: [['2026-07-01T10:00:00.000Z', 'New', 'Waiting "Customer"'] as [string, string, string], ['2026-07-01T12:00:00.000Z', null, 'Closed'] as [string, null, string]] }
    const { contentHash: hash, ...rest } = normaliseTicket(input, { mapping: new Map(), zone: 'UTC', statusSource, closed: true })
    expect(Object.keys(rest).at(-1)).toBe('statusSource')
    expect(hash).toBe(createHash('sha1').update(JSON.stringify(rest)).digest('base64url'))
    expect(statusSourceJson(statusSource)).toBe(JSON.stringify(statusSource))
    // Not the last key (no caller builds it so, but the hash must not depend on that).
    const { statusSource: kept, ...others } = rest
    const first = { statusSource: kept, ...others }
    expect(contentHash(first)).toBe(createHash('sha1').update(JSON.stringify(first)).digest('base64url'))
  })
})
