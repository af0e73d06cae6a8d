import type { Permission } from '../access/permissions.ts'

// The loaders whose data is served from one serialised copy per partnership generation (ADR 005): what the copy
// depends on, so that the loader (building it) and the server's data fast path (serving it) agree on its key.
export interface HotLoader {
  /** The cache the copies live in. */
  name: string
  /** The page's path, the partnership slug captured. */
  path: RegExp
  permission: Permission
  /** The copy depends on who asks (a client's matrix spans its MSPs), not only on the partnership. */
  perUser: boolean
  /** What else the copy depends on, from the URL. */
  vary(url: URL): string
}

export function workspaceView(url: URL) {
  const sort = (['priority', 'size', 'due'] as const).find((s) => s === url.searchParams.get('sort')) ?? 'priority'
  const days = Math.min(730, Math.max(1, Number(url.searchParams.get('days') ?? 90) || 90))
  return { sort, days }
}

export const HOT_LOADERS: Record<string, HotLoader> = {
  'routes/p.$slug.roadmap._index': { name: 'roadmap-board', path: /^\/p\/([^/]+)\/roadmap\/?$/, permission: 'workspace.read', perUser: false, vary: () => '' },
  'routes/p.$slug.workspace': {
    name: 'workspace',
    path: /^\/p\/([^/]+)\/workspace\/?$/,
    permission: 'workspace.read',
    perUser: true,
    vary: (url) => {
      const { sort, days } = workspaceView(url)
      return `${sort}|${days}`
    },
  },
}

export const hotCacheName = (loader: HotLoader) => `loader:${loader.name}`
export const hotCacheKey = (loader: HotLoader, url: URL, userId: string) => (loader.perUser ? `${userId}|${loader.vary(url)}` : loader.vary(url))
