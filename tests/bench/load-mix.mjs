// The load generator of the page and soak benchmarks, in a process of its own (it must not share a server's one
// JavaScript thread). Each of the connections (users) loops over ten requests: nine reads of the workspace pages'
// data, then one edit of a roadmap item, by the MSP and the client in turn, so that cached copies are rebuilt under
// load. Input: one JSON argument; output: one JSON line per target, autocannon's figures.
import autocannon from 'autocannon'

const config = JSON.parse(process.argv[2])
// { targets: [url], connections, seconds, reads: [{ path, party }], writeEvery, slug, items: [{ id, version }], cookies: { msp, client }, tokens: { msp, client } }

function run(url, connections, itemOffset) {
  let nextItem = itemOffset
  const reads = config.reads.map((r) => ({
    method: 'GET',
    path: r.path,
    headers: r.party ? { cookie: config.cookies[r.party], 'accept-encoding': 'gzip, deflate, br' } : {},
  }))
  const requests = []
  for (let i = 0; i < config.writeEvery - 1; i++) requests.push(reads[i % reads.length])
  if (config.writeEvery > 0) {
    requests.push({
      method: 'POST',
      path: '/api/trpc/roadmap.update',
      setupRequest(req, context) {
        context.item ??= config.items[nextItem++ % config.items.length]
        context.turn = (context.turn ?? 0) + 1
        const party = context.turn % 2 ? 'msp' : 'client'
        context.party = party
        return {
          ...req,
          headers: { authorization: `Bearer ${config.tokens[party]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug: config.slug, id: context.item.id, baseVersion: context.item.version, changes: { description: `Edited by the ${party} (${context.turn})` } }),
        }
      },
      onResponse(status, body, context) {
        if (status === 200) context.item.version = JSON.parse(body).result.data.item.version
      },
    })
  } else requests.pop()
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: config.seconds, requests: requests.length ? requests : reads }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

const share = Math.floor(config.connections / config.targets.length)
const results = await Promise.all(config.targets.map((url, i) => run(url, share, i * share)))
for (const r of results) {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]))
  console.log(JSON.stringify({ p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, requests: r.requests.total, rps: r.requests.average, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statuses }))
}
