import { describe, expect, it } from 'vitest'
import { currentRequestId, requestIdFrom, runWithRequest } from './request-context.ts'
import { loggablePath } from './route-label.server.ts'

describe('request ids', () => {
  it("keeps a proxy's id of 8–128 safe characters, and replaces anything else with a UUID", () => {
    expect(requestIdFrom('3f2a8c1e7d4b4e8a9c315b6d2e0f4a17')).toBe('3f2a8c1e7d4b4e8a9c315b6d2e0f4a17')
    expect(requestIdFrom(['edge:node-1.42', 'second'])).toBe('edge:node-1.42')
    for (const bad of [undefined, '', 'short', 'has space in it', 'x"}{"level":60', 'a'.repeat(129), 'line\nbreak-here']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    }
  })

  it('is the id of the request the code runs for, across awaits, and none outside', async () => {
    expect(currentRequestId()).toBeUndefined()
    await runWithRequest({ requestId: 'outer-request' }, async () => {
      await new Promise((r) => setTimeout(r, 1))
      expect(currentRequestId()).toBe('outer-request')
    })
    expect(currentRequestId()).toBeUndefined()
  })

  it("a log line's path hides an invitation's token", () => {
    expect(loggablePath('/invitations/k3J9s0dPq')).toBe('/invitations/[redacted]')
    expect(loggablePath('/p/northwind-contoso/roadmap')).toBe('/p/northwind-contoso/roadmap')
  })
})
