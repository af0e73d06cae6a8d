import type { ServerBuild } from '@remix-run/node'
import { type AgnosticRouteObject, matchRoutes } from '@remix-run/router'

/**
 * What a request is counted and logged under: the Remix route id (`routes/p.$slug.roadmap._index`), the tRPC
 * procedure (`trpc:roadmap.list`), or a fixed name. Never the raw URL: it carries slugs and ids (a label per
 * partnership would grow without bound) and, on some routes, a token.
 */
export function routeLabeller(build: ServerBuild) {
  const byParent = new Map<string | undefined, Array<ServerBuild['routes'][string]>>()
  for (const route of Object.values(build.routes)) byParent.set(route.parentId, [...(byParent.get(route.parentId) ?? []), route])
  const tree = (parentId: string | undefined): AgnosticRouteObject[] =>
    (byParent.get(parentId) ?? []).map((r) => ({ id: r.id, path: r.path, index: r.index as false | undefined, caseSensitive: r.caseSensitive, children: tree(r.id) }))
  const routes = tree(undefined)
  return (path: string, dataRoute: unknown): string => {
    if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1)
    if (path.startsWith('/api/trpc/')) {
      const procedure = path.slice('/api/trpc/'.length)
      return /^[A-Za-z0-9.]+$/.test(procedure) ? `trpc:${procedure}` : 'trpc:batch'
    }
    if (path.startsWith('/build/') || /\.[A-Za-z0-9]+$/.test(path)) return 'static'
    if (typeof dataRoute === 'string') return Object.hasOwn(build.routes, dataRoute) ? dataRoute : 'unmatched'
    const matches = matchRoutes(routes, path)
    return matches?.length ? matches[matches.length - 1].route.id! : 'unmatched'
  }
}

/** The path for a log line: a token in it (an invitation link) replaced, the query string left out. */
export function loggablePath(path: string): string {
  return path.replace(/^\/invitations\/[^/]+/, '/invitations/[redacted]')
}
