import { lookup } from 'node:dns/promises'
import http from 'node:http'
import os from 'node:os'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nonPublicRange } from '../net/safe-url.server.ts'
import { createHttp } from './http.ts'
import { ConnectorError } from './types.ts'

// DNS rebinding (issue 13, D6): the check resolves a name to a public address, the connection to a private one.
// Here the check's resolver says "public" and the system resolver, used for the connection, answers this machine's
// own name with its loopback or private address (a name other than `localhost`, which the URL check refuses by name).
let server: http.Server
let port: number
beforeAll(async () => {
  server = http.createServer((_, res) => res.end('{"secret":"internal"}'))
  await new Promise<void>((resolve) => server.listen(0, resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('PSA requests and DNS rebinding', () => {
  it('refuse a connection to a non-public address even when the check resolved the name to a public one', async () => {
    const name = os.hostname()
    expect(nonPublicRange((await lookup(name)).address)).not.toBeNull()
    const client = createHttp({ retries: 0, outbound: { httpsOnly: false, allowPrivate: false, resolve: async () => ['93.184.216.34'] } })
    const error = await client.request(`http://${name}:${port}/v4_6_release/apis/3.0/service/tickets`, { what: 'tickets' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConnectorError)
    expect((error as ConnectorError).code).toBe('CONFIG')
    expect((error as ConnectorError).message).toMatch(/not public/)
  })

  it('connect when private addresses are allowed (a PSA inside the operator’s network)', async () => {
    const client = createHttp({ retries: 0, outbound: { httpsOnly: false, allowPrivate: true } })
    const response = await client.request(`http://localhost:${port}/x`, { what: 'x' })
    expect(response.status).toBe(200)
  })
})
