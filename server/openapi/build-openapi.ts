// The OpenAPI 3.1 description of /api/trpc (ADR 028), built from the router itself: every procedure, its zod input
// and output as JSON Schema (zod 4's own toJSONSchema, draft 2020-12, the dialect of OpenAPI 3.1), its permission
// and whether an API token may call it. Nothing is listed by hand, so a procedure cannot be missing from it.
// It describes the transport as it is: plain JSON (no transformer), a query as GET with `?input=<JSON>`, a
// mutation as POST with the input as the body, the answer as `{ result: { data } }`.
import type { AnyRouter } from '@trpc/server'
import { z } from 'zod'
import type { ProcedureMeta } from '../trpc/init.ts'

type Json = Record<string, unknown>

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription'
  inputs: z.ZodType[]
  output?: z.ZodType
  meta?: ProcedureMeta
}

export interface OpenApiOptions {
  /** The cookie a browser session rides in. */
  sessionCookie: string
}

export interface OperationSummary {
  path: string
  group: string
  method: 'get' | 'post'
}

/** The procedures of a router by their dotted path, with their definitions. */
export function routerProcedures(router: AnyRouter): Array<[string, ProcedureDef]> {
  const procedures = (router._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures
  return Object.entries(procedures)
    .map(([path, p]) => [path, p._def] as [string, ProcedureDef])
    .sort(([a], [b]) => a.localeCompare(b))
}

const groupOf = (path: string) => (path.includes('.') ? path.slice(0, path.indexOf('.')) : path)
const operationId = (path: string) => path.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase())

/**
 * One schema as JSON Schema. Definitions zod puts under `$defs` (recursive or shared parts) move to
 * components.schemas, since `#/$defs/…` inside an OpenAPI document would point at the document's root.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', prefix: string, components: Record<string, Json>): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json
  delete out.$schema
  const defs = out.$defs as Record<string, Json> | undefined
  if (!defs) return out
  delete out.$defs
  let text = JSON.stringify(out)
  const names = Object.keys(defs).map((k) => [k, `${prefix}_${k.replace(/[^A-Za-z0-9_.-]/g, '_')}`] as const)
  const rewrite = (s: string) => names.reduce((acc, [k, name]) => acc.split(`"#/$defs/${k}"`).join(`"#/components/schemas/${name}"`), s)
  for (const [k, name] of names) components[name] = JSON.parse(rewrite(JSON.stringify(defs[k]))) as Json
  text = rewrite(text)
  return JSON.parse(text) as Json
}

function inputSchema(def: ProcedureDef, prefix: string, components: Record<string, Json>): Json | null {
  if (def.inputs.length === 0) return null
  const parts = def.inputs.map((s, i) => jsonSchema(s, 'input', `${prefix}Input${i || ''}`, components))
  return parts.length === 1 ? parts[0] : { allOf: parts }
}

const ERROR_SCHEMA: Json = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: { type: 'string' },
        code: { type: 'integer', description: 'The JSON-RPC error code tRPC uses.' },
        data: {
          type: 'object',
          required: ['code', 'httpStatus'],
          properties: {
            code: { type: 'string', examples: ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS'] },
            httpStatus: { type: 'integer' },
            path: { type: 'string' },
            fieldErrors: {
              type: 'array',
              description: 'One entry per refused field of the input (400).',
              items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
            },
            details: { type: 'object', description: 'E.g. retryAfterSeconds on 429, the current version on 409.' },
          },
        },
      },
    },
  },
}

const ERRORS: Array<[string, string]> = [
  ['400', 'The input is refused; `fieldErrors` names each field.'],
  ['401', 'No session and no valid API token.'],
  ['403', 'Your role does not allow this, or an API token was used where only a browser session may act.'],
  ['404', 'Not found, or not yours (a partnership or organization you are not a party to is not revealed).'],
  ['409', 'A stale version: someone changed the record since you read it.'],
  ['429', 'Too many requests; `Retry-After` says when to come back.'],
]

function describe(path: string, def: ProcedureDef): string {
  const lines: string[] = []
  const permission = def.meta?.permission
  if (permission) {
    lines.push(
      permission.in === 'partnership'
        ? `Requires the permission \`${permission.name}\` in the partnership named by \`slug\` (your role in your own organization there).`
        : `Requires the permission \`${permission.name}\` in the organization named by \`org\`.`,
    )
  } else {
    lines.push('Any signed-in user; acts on the caller’s own account.')
  }
  if (def.meta?.sessionOnly) lines.push('Only from a signed-in browser session: an API token is refused with 403.')
  lines.push(def.type === 'query' ? `Call: \`GET /api/trpc/${path}?input=<URL-encoded JSON>\`.` : `Call: \`POST /api/trpc/${path}\` with the input as a JSON body.`)
  return lines.join('\n\n')
}

export function buildOpenApiDocument(router: AnyRouter, options: OpenApiOptions): Json {
  const paths: Record<string, Json> = {}
  const components: Record<string, Json> = { Error: ERROR_SCHEMA }
  const groups = new Set<string>()
  for (const [path, def] of routerProcedures(router)) {
    if (def.type === 'subscription') continue
    const id = operationId(path)
    const group = groupOf(path)
    groups.add(group)
    const input = inputSchema(def, id, components)
    const output = def.output ? jsonSchema(def.output, 'output', `${id}Output`, components) : {}
    const operation: Json = {
      operationId: id,
      tags: [group],
      summary: path,
      description: describe(path, def),
      security: def.meta?.sessionOnly ? [{ session: [] }] : [{ bearer: [] }, { session: [] }],
      responses: {
        '200': {
          description: 'The procedure’s answer.',
          content: { 'application/json': { schema: { type: 'object', required: ['result'], properties: { result: { type: 'object', properties: { data: output } } } } } },
        },
        ...Object.fromEntries(ERRORS.map(([status]) => [status, { $ref: `#/components/responses/E${status}` }])),
      },
      ...(def.meta?.permission ? { 'x-accord-permission': def.meta.permission } : {}),
    }
    if (def.type === 'query') {
      if (input) operation.parameters = [{ name: 'input', in: 'query', required: true, description: 'The input as JSON.', content: { 'application/json': { schema: input } } }]
      paths[`/api/trpc/${path}`] = { get: operation }
    } else {
      if (input) operation.requestBody = { required: true, content: { 'application/json': { schema: input } } }
      paths[`/api/trpc/${path}`] = { post: operation }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Accord API',
      version: '1',
      description: [
        'Every procedure of Accord’s tRPC API over plain HTTP and JSON: the pages use the same procedures.',
        'Authenticate with an API token (Account → API tokens) as `Authorization: Bearer <token>`; a token acts with its user’s roles.',
        'Several calls may be batched (`/api/trpc/a,b?batch=1`, at most 10); this document describes single calls.',
        'Webhooks: an organization’s admins subscribe HTTPS endpoints to events (Organization → Webhooks). Each delivery is a POST of `{ id, type, createdAt, partnership, data }`, signed in `Accord-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint’s secret>`.',
      ].join('\n\n'),
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    tags: [...groups].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      responses: Object.fromEntries(
        ERRORS.map(([status, description]) => [`E${status}`, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (Account → API tokens). A request with one is never authenticated by its cookie.' },
        session: { type: 'apiKey', in: 'cookie', name: options.sessionCookie, description: 'A signed-in browser session (the pages).' },
      },
    },
  }
}

/** The operations in the document's order, for the readable page. */
export function operationSummaries(router: AnyRouter): OperationSummary[] {
  return routerProcedures(router)
    .filter(([, def]) => def.type !== 'subscription')
    .map(([path, def]) => ({ path, group: groupOf(path), method: def.type === 'query' ? 'get' : 'post' }))
}
