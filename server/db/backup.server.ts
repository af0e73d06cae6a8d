// `accord db backup` / `accord db restore` (docs/decisions/020-operations.md).
// Embedded database: a running server holds the data folder's lock, so the dump is taken by the server itself and
// handed over a local control socket beside the folder (mode 0600: the operator who owns the files). With no
// server running, the command opens the folder itself. Either way the dump is PGlite's gzipped tar of the data
// folder, taken between two transactions. PostgreSQL: pg_dump / pg_restore, custom format.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { Database } from './client.server.ts'
import { openDatabase } from './client.server.ts'
import type { DatabaseConfig } from './config.ts'
import { type LockHolder, acquireLock, lockPathFor } from './lock.server.ts'

/** Beside the data folder (`data/db.sock`), or in the temp folder when that path is too long for a socket. */
export function controlSocketPath(dataDir: string): string {
  const beside = `${path.resolve(dataDir)}.sock`
  if (beside.length < 100) return beside
  return path.join(os.tmpdir(), `accord-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}.sock`)
}

/** The server's side: answers `GET /backup` with a dump of its database. Resolves once listening. */
export async function startControlSocket(database: Pick<Database, 'dumpDataDir'>, socketPath: string): Promise<{ close(): Promise<void> }> {
  // A socket file left by a process that died: we hold the folder's lock, so it is not another server's.
  fs.rmSync(socketPath, { force: true })
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/backup') return void res.writeHead(404).end()
    database
      .dumpDataDir()
      .then(async (blob) => {
        if (!blob) return void res.writeHead(409).end('not an embedded database')
        const bytes = Buffer.from(await blob.arrayBuffer())
        res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': bytes.byteLength }).end(bytes)
      })
      .catch((error: unknown) => res.writeHead(500).end(error instanceof Error ? error.message : String(error)))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  fs.chmodSync(socketPath, 0o600)
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        fs.rmSync(socketPath, { force: true })
      }),
  }
}

function fetchOverSocket(socketPath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path: '/backup' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const body = Buffer.concat(chunks)
        if (res.statusCode === 200) resolve(body)
        else reject(new Error(`the server refused the backup (${res.statusCode}): ${body.toString('utf8')}`))
      })
      res.on('error', reject)
    })
    req.on('error', (error) => reject(new Error(`could not reach the running server's control socket ${socketPath}: ${error.message}`)))
  })
}

function runningHolder(dataDir: string): LockHolder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(lockPathFor(dataDir), 'utf8')) as LockHolder
    process.kill(holder.pid, 0)
    return holder
  } catch {
    return null
  }
}

function writeAtomically(file: string, bytes: Buffer) {
  const partial = `${file}.partial`
  fs.writeFileSync(partial, bytes, { mode: 0o600 })
  fs.renameSync(partial, file)
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'ENOENT' ? `${command} is not on PATH: install the PostgreSQL client tools (the same major version as the server)` : error.message)),
    )
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))))
  })
}

export async function backupDatabase(config: DatabaseConfig, out: string): Promise<string> {
  if (config.kind === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, config.url])
    return `Wrote ${out} (pg_dump, custom format)`
  }
  if (!config.dataDir) throw new Error('an in-memory database has nothing to back up')
  const holder = runningHolder(config.dataDir)
  if (holder) {
    writeAtomically(out, await fetchOverSocket(controlSocketPath(config.dataDir)))
    return `Wrote ${out} (from the running server, process ${holder.pid})`
  }
  if (!fs.existsSync(config.dataDir)) throw new Error(`no database in ${config.dataDir}`)
  const database = await openDatabase(config, { holder: 'accord db backup' })
  try {
    writeAtomically(out, Buffer.from(await (await database.dumpDataDir())!.arrayBuffer()))
  } finally {
    await database.close()
  }
  return `Wrote ${out}`
}

export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new Error(`--file: no such file ${file}`)
  if (config.kind === 'postgres') {
    // Into an empty database only: a restore over live tables would mix two states.
    const probe = await openDatabase(config, { maxConnections: 1 })
    try {
      const [[count]] = await probe.queryArrays(`SELECT count(*)::int FROM pg_tables WHERE schemaname = current_schema()`, [])
      if (Number(count) > 0) throw new Error('the target database is not empty: restore into a new database (createdb), then point DATABASE_URL at it')
    } finally {
      await probe.close()
    }
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${config.url}`, file])
    return `Restored ${file} into ${config.url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, '//$1@')}`
  }
  if (!config.dataDir) throw new Error('restore needs a data folder (DATABASE_URL=file:…)')
  if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
    throw new Error(`${config.dataDir} is not empty: restore into an empty folder (move the old one aside first)`)
  }
  const release = acquireLock(config.dataDir, 'accord db restore')
  try {
    fs.mkdirSync(config.dataDir, { recursive: true })
    const client = await PGlite.create(config.dataDir, { loadDataDir: new Blob([fs.readFileSync(file)]) })
    await client.close()
  } finally {
    release()
  }
  return `Restored ${file} into ${config.dataDir}`
}
