import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentHash, normaliseTicket } from './normalize-ticket.ts'
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
})
