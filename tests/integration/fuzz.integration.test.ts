// The fuzz tier (issue 13): every tRPC procedure (read from the router, so a new one is covered without editing
// this file) and every form action (read from app/routes) gets junk, oversize and control-character input.
// Nothing may answer 500 or more, and a rejected call must have committed no write at all (no half write).
// One seeded database for both; procedures run in process through the tRPC caller, actions over HTTP.
import { env } from '../../server/env.server.ts'
import fs from 'node:fs'
import path from 'node:path'
import { TRPCError } from '@trpc/server'
import { getHTTPStatusCodeFromError } from '@trpc/server/http'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { db } from '../../server/db/client.server.ts'
import { appRouter, createCaller } from '../../server/trpc/router.ts'
import { DEMO_POLICY } from '../../server/sla/policy.ts'
import { seedDemo } from '../helpers/factories.ts'
import { describeInput, formFields, inputs, installWriteCounter, schemaKeys } from '../helpers/fuzz.ts'
import { signIn } from '../helpers/http.ts'
import { type TestServer, startTestServer } from '../helpers/server.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10)
// A form action costs an HTTP round trip through Remix: half as many inputs each keeps the tier's time in check.
const FORM_RUNS = Number(process.env.FUZZ_FORM_RUNS ?? Math.ceil(RUNS / 2))
const SEED = Number(process.env.FUZZ_SEED ?? 20261206)
const SLUG = 'northwind-contoso'
const ROUTES = path.resolve(import.meta.dirname, '../../app/routes')

type AnyProcedure = { _def: { type: string; inputs: unknown[] } }
const procedures = (appRouter as unknown as { _def: { procedures: Record<string, AnyProcedure>; record: Record<string, unknown> } })._def

/** The procedures found by walking the nested routers, apart from the flat list tRPC keeps. */
function walk(record: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(record).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key
    // A procedure is a function carrying its definition; a nested router is a plain object of them.
    return typeof value === 'function' ? [name] : walk(value as Record<string, unknown>, name)
  })
}

async function idPool(): Promise<string[]> {
  const prisma = await db()
  const rows = await Promise.all([
    prisma.roadmapItem.findMany({ select: { id: true }, take: 3 }),
    prisma.qbr.findMany({ select: { id: true }, take: 3 }),
    prisma.responsibilityFunction.findMany({ select: { id: true }, take: 3 }),
    prisma.ticket.findMany({ select: { id: true }, take: 3 }),
    prisma.slaDispute.findMany({ select: { id: true }, take: 2 }),
  ])
  return rows.flat().map((r) => r.id)
}

/** The demo tenants and a few rows of each kind in the partnership the junk is aimed at, so ids can hit. */
async function seedOnePartnership() {
  await seedDemo()
  const prisma = await db()
  const user = await prisma.user.findUniqueOrThrow({ where: { email: 'ava@northwind.example' }, select: { id: true, email: true, name: true } })
  const caller = createCaller({ auth: { via: 'token', user, tokenId: 'fuzz-seed' }, appUrl: 'http://accord.test' })
  await caller.roadmap.create({ slug: SLUG, title: 'Fuzz target', status: 'PROPOSED', targetQuarter: '2027-Q1' })
  await caller.qbr.create({ slug: SLUG, quarter: '2026-Q3' })
  await caller.responsibility.applyTemplate({ slug: SLUG })
  await caller.csi.create({ slug: SLUG, opportunity: 'Fuzz target', size: 'SMALL' })
  await caller.sla.setPolicy({ slug: SLUG, policy: DEMO_POLICY, baseVersion: (await caller.sla.policy({ slug: SLUG }))?.version ?? 0 })
  const createdAt = new Date(Date.now() - 86_400_000).toISOString()
  await caller.tickets.upsert({ slug: SLUG, tickets: ['INC-1', 'INC-2', 'REQ-3'].map((externalId, i) => ({ externalId, title: `Fuzz ${externalId}`, priority: `P${i + 1}`, createdAt })) })
}

let server: TestServer
let started = 0
beforeAll(async () => {
  started = Date.now()
  server = await startTestServer()
})
afterAll(async () => {
  await server.close()
  console.log(`fuzz tier: ${Object.keys(procedures.procedures).length} procedures (${RUNS} inputs each) and the form actions (${FORM_RUNS} each), in ${((Date.now() - started) / 1000).toFixed(1)} s`)
})

it('covers every procedure of the router', () => {
  const flat = Object.keys(procedures.procedures).sort()
  expect(walk(procedures.record).sort()).toEqual(flat)
  expect(flat.length).toBeGreaterThanOrEqual(100)
})

type Counter = Awaited<ReturnType<typeof installWriteCounter>>

async function fuzzProcedures(counter: Counter): Promise<string[]> {
  const prisma = await db()
  const user = await prisma.user.findUniqueOrThrow({ where: { email: 'ava@northwind.example' }, select: { id: true, email: true, name: true } })
  const caller = createCaller({ auth: { via: 'token', user, tokenId: 'fuzz' }, appUrl: 'http://accord.test' }) as unknown as Record<string, unknown>
  const plausible = { slug: SLUG, org: 'northwind', ids: await idPool() }
  const failures: string[] = []
  let calls = 0
  for (const [name, procedure] of Object.entries(procedures.procedures)) {
    const call = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (input: unknown) => Promise<unknown>
    const started = Date.now()
    const samples = fc.sample(inputs(schemaKeys(procedure._def.inputs[0]), plausible), { numRuns: RUNS, seed: SEED })
    for (const input of samples) {
      calls++
      const before = await counter.writes()
      let status = 200
      let detail = ''
      try {
        await call(input)
      } catch (error) {
        status = error instanceof TRPCError ? getHTTPStatusCodeFromError(error) : 500
        detail = error instanceof TRPCError ? `${error.code}: ${(error.cause ?? error).toString().slice(0, 200)}` : String(error).slice(0, 200)
      }
      if (status >= 500) failures.push(`${name} ${describeInput(input)} -> ${status} ${detail}`)
      else if (status >= 400 && (await counter.writes()) !== before) failures.push(`${name} ${describeInput(input)} -> ${status} but wrote`)
    }
    if (process.env.FUZZ_TIMES) console.log(`${name}: ${Date.now() - started} ms`)
  }
  expect(calls).toBe(Object.keys(procedures.procedures).length * RUNS)
  return failures
}

/** Every route module with an action, its URL (parameters filled with real rows) and the field names it reads. */
async function actionRoutes() {
  const prisma = await db()
  const [roadmap, csi, responsibility, ticket] = await Promise.all([
    prisma.roadmapItem.findFirst({ select: { id: true } }),
    prisma.csiEntry.findFirst({ select: { id: true } }),
    prisma.responsibilityFunction.findFirst({ select: { id: true } }),
    prisma.ticket.findFirst({ select: { externalId: true } }),
  ])
  const param = (segment: string, previous: string): string => {
    if (segment === '$slug') return SLUG
    if (segment === '$org') return 'northwind'
    if (segment === '$quarter') return '2026-Q3'
    if (segment === '$externalId') return encodeURIComponent(ticket?.externalId ?? 'T-1')
    if (segment === '$id') return (previous === 'roadmap' ? roadmap?.id : previous === 'csi' ? csi?.id : responsibility?.id) ?? 'x'
    return 'fuzz-token'
  }
  return fs
    .readdirSync(ROUTES)
    .filter((f) => /\.tsx?$/.test(f))
    .map((file) => ({ file, source: fs.readFileSync(path.join(ROUTES, file), 'utf8') }))
    .filter(({ source }) => /export (async function|const) action\b/.test(source))
    .map(({ file, source }) => {
      const segments = file.replace(/\.tsx?$/, '').split('.').filter((s) => s !== '_index')
      // ?_data runs the route's action alone and answers its data, without rendering the page (Remix v2).
      // A trailing underscore (`$quarter_`) opts out of nesting; the URL segment is the same parameter.
      const url = '/' + segments.map((s, i) => (s.startsWith('$') ? param(s.replace(/_$/, ''), segments[i - 1]) : s)).join('/') + `?_data=${encodeURIComponent(`routes/${file.replace(/\.tsx?$/, '')}`)}`
      const names = [...source.matchAll(/\.get(?:All)?\('([\w.[\]-]+)'\)|name="([\w.[\]-]+)"/g)].map((m) => m[1] ?? m[2])
      const intents = [...source.matchAll(/intent'?\)?\s*===?\s*'([\w-]+)'|name="intent" value="([\w-]+)"|case '([\w-]+)'/g)].map((m) => m[1] ?? m[2] ?? m[3])
      return { file, url, names: [...new Set(names)], intents: [...new Set(intents)] }
    })
    .sort((a, b) => Number(a.file === 'logout.tsx') - Number(b.file === 'logout.tsx'))
}

/** x-www-form-urlencoded by hand: a lone surrogate goes out as its raw (invalid UTF-8) bytes, as a hostile client may send. */
function encodeForm(fields: ReadonlyArray<[string, string]>): string {
  const encode = (s: string) =>
    [...s]
      .map((ch) => {
        const code = ch.charCodeAt(0)
        if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
        return encodeURIComponent(ch)
      })
      .join('')
  return fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
}

async function fuzzActions(counter: Counter): Promise<string[]> {
  const MAX_BODY_BYTES = env().MAX_BODY_BYTES
  const routes = await actionRoutes()
  expect(routes.length).toBeGreaterThanOrEqual(18)
  const session = await signIn(server.url, 'ava@northwind.example')
  const failures: string[] = []
  for (const route of routes) {
    for (const fields of fc.sample(formFields(route.names, route.intents), { numRuns: FORM_RUNS, seed: SEED })) {
      const before = await counter.writes()
      const body = encodeForm(fields)
      const send = () =>
        fetch(`${server.url}${route.url}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Cookie: session.cookie, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        }).catch((error: unknown) => error as Error)
      // A kept-alive connection the server closed after an earlier answer (413 closes it) can fail the next request
      // sent on it before the server sees it: that one is sent once more on a new connection, as browsers do.
      let response = await send()
      if (response instanceof Error) response = await send()
      // Past the body limit the server answers 413 at once and stops reading (D1); a client still sending may see
      // the connection close before it reads that answer. Anything smaller must get an answer.
      if (response instanceof Error && Buffer.byteLength(body) > MAX_BODY_BYTES) continue
      if (response instanceof Error) {
        // A dropped connection is as bad as a 500: the caller gets no answer.
        failures.push(`POST ${route.url} ${describeInput(fields)} -> no answer (${String((response.cause as Error | undefined)?.message ?? response.message)})`)
        continue
      }
      await response.arrayBuffer()
      if (response.status >= 500) failures.push(`POST ${route.url} ${describeInput(fields)} -> ${response.status}`)
      else if (response.status >= 400 && (await counter.writes()) !== before) failures.push(`POST ${route.url} ${describeInput(fields)} -> ${response.status} but wrote`)
    }
  }
  return failures
}

it('no procedure and no form action answers 500 or writes half, whatever the input', async () => {
  await seedOnePartnership()
  const counter = await installWriteCounter()
  try {
    const t0 = Date.now()
    const procedureFailures = await fuzzProcedures(counter)
    const t1 = Date.now()
    const actionFailures = await fuzzActions(counter)
    console.log(`fuzz tier: procedures ${((t1 - t0) / 1000).toFixed(1)} s, form actions ${((Date.now() - t1) / 1000).toFixed(1)} s`)
    const failures = [...procedureFailures, ...actionFailures]
    expect(failures).toEqual([])
  } finally {
    await counter.uninstall()
  }
}, 600_000)
