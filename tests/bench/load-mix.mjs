// The load generator of the page and soak benchmarks, in a process of its own (it must not share a server's one
// JavaScript thread). Each of the connections (users) loops over ten requests: nine reads of the workspace pages'
// data, then one edit of a roadmap item, by the MSP and the client in turn, so that cached copies are rebuilt under
// load. These users are closed-loop, back to back with no think time (autocannon), unless `thinkMs` gives them one
// (below). Input: one JSON argument; output: one JSON line per target, autocannon's figures (or the same shape).
import autocannon from 'autocannon'

const config = JSON.parse(process.argv[2])
// { targets: [url], connections, seconds, reads: [{ path, party }], writeEvery, slug, items: [{ id, version }], cookies: { msp, client }, tokens: { msp, client }, thinkMs? }

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

// Users with a think time: each sends a request, reads the answer, then waits a random time (exponential, mean
// `thinkMs`, so users do not act in step) before the next; the same ten-request cycle as above. Latency is timed
// from the moment a request is sent, so a slow answer delays only that user's next request (an open model per
// user, as people behave; autocannon's own rate limit fires every connection in the same instant each second).
async function paced(url, connections, itemOffset) {
  const latencies = []
  const byKind = {}
  const statuses = {}
  let errors = 0
  let nextItem = itemOffset
  const end = Date.now() + config.seconds * 1000
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  async function user(index) {
    const item = config.items.length ? config.items[nextItem++ % config.items.length] : undefined
    let turn = 0
    await sleep(Math.random() * config.thinkMs)
    for (let n = index; Date.now() < end; n++) {
      const write = config.writeEvery > 0 && n % config.writeEvery === config.writeEvery - 1
      let init
      let party
      if (write) {
        party = ++turn % 2 ? 'msp' : 'client'
        init = {
          method: 'POST',
          headers: { authorization: `Bearer ${config.tokens[party]}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug: config.slug, id: item.id, baseVersion: item.version, changes: { description: `Edited by the ${party} (${turn})` } }),
        }
      } else {
        const r = config.reads[n % config.reads.length]
        init = { headers: r.party ? { cookie: config.cookies[r.party], 'accept-encoding': 'gzip, deflate, br' } : {} }
      }
      const path = write ? '/api/trpc/roadmap.update' : config.reads[n % config.reads.length].path
      const started = performance.now()
      try {
        const res = await fetch(`${url}${path}`, init)
        const body = await res.arrayBuffer()
        latencies.push(performance.now() - started)
        ;(byKind[write ? 'edit' : path.split('?')[0].split('/').pop()] ??= []).push(performance.now() - started)
        statuses[res.status] = (statuses[res.status] ?? 0) + 1
        if (write && res.status === 200) item.version = JSON.parse(Buffer.from(body).toString()).result.data.item.version
      } catch {
        errors++
      }
      await sleep(-Math.log(1 - Math.random()) * config.thinkMs)
    }
  }
  const started = Date.now()
  await Promise.all(Array.from({ length: connections }, (_, i) => user(i)))
  latencies.sort((a, b) => a - b)
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0)
  const non2xx = Object.entries(statuses).reduce((n, [code, count]) => (code.startsWith('2') ? n : n + count), 0)
  const p50s = Object.fromEntries(Object.entries(byKind).map(([k, l]) => [k, Math.round(l.sort((a, b) => a - b)[Math.floor(l.length / 2)])]))
  return { p50ByKind: p50s, latency: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) }, requests: { total: latencies.length + errors, average: latencies.length / ((Date.now() - started) / 1000) }, errors, timeouts: 0, non2xx, statusCodeStats: Object.fromEntries(Object.entries(statuses).map(([code, count]) => [code, { count }])) }
}

const share = Math.floor(config.connections / config.targets.length)
const results = await Promise.all(config.targets.map((url, i) => (config.thinkMs > 0 ? paced(url, share, i * share) : run(url, share, i * share))))
for (const r of results) {
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]))
  console.log(JSON.stringify({ ...(r.p50ByKind ? { p50ByKind: r.p50ByKind } : {}), p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, requests: r.requests.total, rps: r.requests.average, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, statuses }))
}
