// The PSA benchmark's mocked ConnectWise, served over loopback HTTP by a process of its own: the same msw handlers
// the tests use (auth checks, conditions, Link paging, audit trails), answered through msw's getResponse instead of
// msw's in-process interception of fetch. In process, that interception cost ~1.4 ms of the sync's CPU per request
// and the mock's own state and garbage sat in the sync's heap, so 10,000 history calls measured the mock more than
// the sync. Here the sync pays what it pays against a real PSA: a socket, a request, a body to parse. The baseline
// and the run with histories talk to the same server, so the comparison stays fair.
// The audit trails (10,000 of the run's 10,020 requests) are answered from their JSON serialised once, after the
// same credential check the msw handler makes; a request they do not fit (another page, a smaller page size) goes to
// the handler. Everything else goes through msw. A real PSA's own CPU is not spent on the syncing machine either.
// Started by psa-sync.bench.ts; prints `listening <port>` once ready, and stops when its parent closes stdin.
import http from 'node:http'
import { getResponse } from 'msw'
import { CW_CODEBASE, CW_CREDENTIALS, connectWiseMock, cwStatusAudit, cwTicket } from '../mocks/index.ts'

/** The benchmark's tickets: `count` closed and open tickets, each with 3 status changes (one a wait of 4 hours). */
export function benchConnectWise(count: number, api: string) {
  const mock = connectWiseMock(
    Array.from({ length: count }, (_, i) => cwTicket(i % 5000, { id: 100_000 + i })),
    api,
  )
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
  for (const t of mock.state.tickets) {
    const created = Date.parse((t._info as { dateEntered: string }).dateEntered)
    mock.state.audits.set(
      t.id,
      cwStatusAudit([
        { at: iso(created + 600_000), from: 'New', to: 'In Progress' },
        { at: iso(created + 3_600_000), from: 'In Progress', to: 'Waiting Customer' },
        { at: iso(created + 5 * 3_600_000), from: 'Waiting Customer', to: 'In Progress' },
      ]),
    )
  }
  return mock
}

async function main() {
  const count = Number(process.env.PSA_BENCH_TICKETS ?? 10_000)
  let handlers: ReturnType<typeof connectWiseMock>['handlers'] = []
  let mock: ReturnType<typeof connectWiseMock> | null = null
  const c = CW_CREDENTIALS
  const basic = `Basic ${Buffer.from(`${c.companyId}+${c.publicKey}:${c.privateKey}`).toString('base64')}`
  const trails = new Map<string, Buffer>()
  const auditPath = `/${CW_CODEBASE}apis/3.0/system/audittrail?`
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith(auditPath) && req.headers.authorization === basic && req.headers.clientid === c.clientId) {
      const query = new URLSearchParams(req.url.slice(auditPath.length))
      const id = query.get('id') ?? ''
      const entries = mock!.state.audits.get(Number(id)) ?? []
      if (query.get('type') === 'Ticket' && (query.get('page') ?? '1') === '1' && Number(query.get('pageSize') ?? 25) >= entries.length) {
        mock!.state.auditRequests++
        let body = trails.get(id)
        if (!body) trails.set(id, (body = Buffer.from(JSON.stringify(entries))))
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body)
        return
      }
    }
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      try {
        const body = chunks.length ? Buffer.concat(chunks) : null
        const headers = new Headers()
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
        const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? null : body })
        const response = await getResponse(handlers, request)
        if (!response) {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"no mock for this path"}')
          return
        }
        const out = Buffer.from(await response.arrayBuffer())
        const head: Record<string, string> = {}
        response.headers.forEach((v, k) => (head[k] = v))
        head['content-length'] = String(out.length)
        res.writeHead(response.status, head).end(out)
      } catch (error) {
        res.writeHead(500).end(String(error))
      }
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  mock = benchConnectWise(count, `http://127.0.0.1:${port}/${CW_CODEBASE}apis/3.0`)
  handlers = mock.handlers
  for (const [id, entries] of mock.state.audits) trails.set(String(id), Buffer.from(JSON.stringify(entries)))
  process.stdin.on('data', (line) => {
    // `stats`: how many history calls this server answered (the bench checks none was skipped).
    if (String(line).trim() === 'stats') process.stdout.write(`${JSON.stringify({ auditRequests: mock!.state.auditRequests, rssMb: Math.round(process.memoryUsage().rss / 1048576) })}\n`)
  })
  process.stdin.on('end', () => {
    server.close()
    process.exit(0)
  })
  process.stdout.write(`listening ${port}\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
