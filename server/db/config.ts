import path from 'node:path'

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string | null } // null: in memory
  | { kind: 'postgres'; url: string }

export const DEFAULT_DATA_DIR = 'data/db'

/** Reads DATABASE_URL: unset → embedded PGlite in ./data/db; `file:<dir>`; `memory:`; or a PostgreSQL URL. */
export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): DatabaseConfig {
  if (!url) return { kind: 'pglite', dataDir: path.resolve(cwd, DEFAULT_DATA_DIR) }
  if (url === 'memory:' || url === 'memory://') return { kind: 'pglite', dataDir: null }
  if (url.startsWith('file:')) {
    const dir = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
    if (!dir) throw new Error('DATABASE_URL: file: needs a folder, e.g. file:./data/db')
    return { kind: 'pglite', dataDir: path.resolve(cwd, dir) }
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url }
  throw new Error('DATABASE_URL: must start with postgres://, postgresql://, file: or memory:')
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'postgres') return `PostgreSQL ${config.url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@')}`
  return config.dataDir ? `embedded PGlite in ${config.dataDir}` : 'embedded PGlite in memory'
}
