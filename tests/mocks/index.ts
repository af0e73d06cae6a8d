// Every external service Accord talks to, as msw handlers (one file per service). Tests start a server with
// `mockServer()` and add per-test faults with `server.use(...)`; `MOCKS=true` starts the same in the app.
import { setupServer } from 'msw/node'
import { type AtTicket, atTicket, autotaskMock } from './autotask.ts'
import { type CwTicket, connectWiseMock, cwTicket } from './connectwise.ts'
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

/** The demo's PSAs: a few hundred tickets each, spread over the last months. */
export function demoMocks(count = 600) {
  const spread = (i: number) => i * 5
  return createMocks({
    connectwise: Array.from({ length: count }, (_, i) => cwTicket(spread(i))),
    autotask: Array.from({ length: count }, (_, i) => atTicket(spread(i))),
    halopsa: Array.from({ length: count }, (_, i) => haloTicket(spread(i))),
  })
}
