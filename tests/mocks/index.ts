// Every external service Accord talks to, as msw handlers (one file per service). Tests start a server with
// `mockServer()` and add per-test faults with `server.use(...)`; `MOCKS=true` starts the same in the app.
import { setupServer } from 'msw/node'
import { type AtTicket, atTicket, autotaskMock } from './autotask.ts'
import { type CwTicket, connectWiseMock, cwStatusAudit, cwTicket } from './connectwise.ts'
import { type HaloTicket, haloMock, haloTicket } from './halopsa.ts'

export * from './autotask.ts'
export * from './connectwise.ts'
export * from './halopsa.ts'

export interface MockOptions {
  connectwise?: CwTicket[]
  autotask?: AtTicket[]
  halopsa?: HaloTicket[]
}

export function createMocks(options: MockOptions = {}) {
  const connectwise = connectWiseMock(options.connectwise)
  const autotask = autotaskMock(options.autotask)
  const halopsa = haloMock(options.halopsa)
  return { connectwise, autotask, halopsa, handlers: [...connectwise.handlers, ...autotask.handlers, ...halopsa.handlers] }
}

/** An msw server over all mocks; requests to hosts no handler knows are errors, not real network calls. */
export function mockServer(mocks = createMocks()) {
  const server = setupServer(...mocks.handlers)
  return { server, mocks }
}

/**
 * The demo's ConnectWise: 4,000 tickets over the last 24 weeks, a page of 1,000 taking 1.5 s, so "Sync now" shows
 * its progress. Autotask and HaloPSA answer with a few hundred each.
 */
export function demoMocks(now = Date.now(), latencyMs = 1500, options: { tickets?: number; pageSize?: number } = {}) {
  const count = options.tickets ?? 4000
  // Anchored to the day, so every process (server, CLI) serves the same tickets.
  const today = Math.floor(now / 86_400_000) * 86_400_000
  const start = today - count * 3_600_000 - 30 * 3_600_000
  const mocks = createMocks({
    connectwise: Array.from({ length: count }, (_, i) => cwTicket(i, {}, 250, start)),
    autotask: Array.from({ length: 300 }, (_, i) => atTicket(i)),
    halopsa: Array.from({ length: 300 }, (_, i) => haloTicket(i)),
  })
  mocks.connectwise.state.latencyMs = latencyMs
  if (options.pageSize) mocks.connectwise.state.maxPageSize = options.pageSize
  // One ticket in five waited on the customer for a few hours after the first response: pauses on the ticket page.
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  for (const t of mocks.connectwise.state.tickets) {
    if (t.id % 5 !== 0) continue
    const created = Date.parse((t._info as { dateEntered: string }).dateEntered)
    mocks.connectwise.state.audits.set(
      t.id,
      cwStatusAudit([
        { at: iso(created + 15 * 60_000), from: 'New', to: 'Waiting Customer' },
        { at: iso(created + (2 + (t.id % 7)) * 3_600_000), from: 'Waiting Customer', to: 'In Progress' },
      ]),
    )
  }
  return mocks
}
