// The API description (ADR 028): every procedure of the router is in it, it is a valid OpenAPI 3.1 document, and
// the app serves it and its readable page without a session.
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../server/cli/index.ts'
import { routerProcedures } from '../../server/openapi/build-openapi.ts'
import { openApiDocument } from '../../server/openapi/openapi.server.ts'
import { appRouter } from '../../server/trpc/router.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

type Doc = { openapi: string; paths: Record<string, Record<string, { security: unknown[]; 'x-accord-permission'?: { name: string } }>> }
const doc = openApiDocument() as Doc

describe('the OpenAPI document', () => {
  it('has every procedure, as GET for a query and POST for a mutation', () => {
    const procedures = routerProcedures(appRouter)
    expect(procedures.length).toBeGreaterThan(100)
    for (const [path, def] of procedures) {
      expect(Object.keys(doc.paths[`/api/trpc/${path}`] ?? {}), path).toEqual([def.type === 'query' ? 'get' : 'post'])
    }
    expect(Object.keys(doc.paths)).toHaveLength(procedures.length)
  })

  it('is valid OpenAPI 3.1 (the schema validator of the OpenAPI Initiative’s JSON Schemas)', async () => {
    const validator = new Validator()
    const result = await validator.validate(doc as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('says which procedures need a browser session and which permission each needs', () => {
    expect(doc.paths['/api/trpc/account.changePassword'].post.security).toEqual([{ session: [] }])
    expect(doc.paths['/api/trpc/webhook.create'].post.security).toEqual([{ bearer: [] }, { session: [] }])
    expect(doc.paths['/api/trpc/webhook.create'].post['x-accord-permission']).toEqual({ name: 'webhook.manage', in: 'organization' })
    expect(doc.paths['/api/trpc/roadmap.approve'].post['x-accord-permission']).toEqual({ name: 'roadmap.approve', in: 'partnership' })
  })
})

describe('the CLI', () => {
  it('prints the same document (accord api openapi)', async () => {
    expect(JSON.parse(await run(['api', 'openapi']))).toEqual(JSON.parse(JSON.stringify(doc)))
  })
})

describe('served', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('at /api/openapi.json and /api/docs, without a session', async () => {
    const json = await fetch(`${server.url}/api/openapi.json`)
    expect(json.status).toBe(200)
    expect(json.headers.get('content-type')).toContain('application/json')
    expect(((await json.json()) as Doc).openapi).toBe('3.1.0')
    const page = await fetch(`${server.url}/api/docs`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/api/trpc/webhook.create')
    expect(html).toContain('Input of roadmap.approve')
  })
})
