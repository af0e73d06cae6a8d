import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'

// The request a piece of work runs for. The HTTP layer and the Remix build (which bundles its own copy of
// server/) must see one store, so it lives on globalThis, as the database handle does.
export interface RequestContext {
  requestId: string
}

const KEY = Symbol.for('accord.requestContext')
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> }
const holder = globalThis as Holder
const storage = (holder[KEY] ??= new AsyncLocalStorage<RequestContext>())

export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn)
}

/** The id of the request this code runs for (also inside the jobs it enqueued, once they run), else undefined. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId
}

// A caller's id is kept only when it cannot smuggle anything into a log line or a header: 8–128 characters of
// letters, digits and `-_.:`. Anything else is replaced by one of ours.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header
  return value && WELL_FORMED.test(value) ? value : randomUUID()
}
