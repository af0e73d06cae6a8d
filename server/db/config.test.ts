import { describe, expect, it } from 'vitest'
import { describeDatabase, parseDatabaseUrl } from './config.ts'

describe('parseDatabaseUrl', () => {
  it('defaults to embedded PGlite in ./data/db', () => {
    expect(parseDatabaseUrl(undefined, '/srv/accord')).toEqual({ kind: 'pglite', dataDir: '/srv/accord/data/db' })
  })
  it('reads file: and memory: as PGlite', () => {
    expect(parseDatabaseUrl('file:./tmp/x', '/a')).toEqual({ kind: 'pglite', dataDir: '/a/tmp/x' })
    expect(parseDatabaseUrl('file:///var/db', '/a')).toEqual({ kind: 'pglite', dataDir: '/var/db' })
    expect(parseDatabaseUrl('memory:')).toEqual({ kind: 'pglite', dataDir: null })
  })
  it('passes PostgreSQL URLs through and hides the password when describing them', () => {
    const config = parseDatabaseUrl('postgres://u:secret@127.0.0.1:5432/test')
    expect(config).toEqual({ kind: 'postgres', url: 'postgres://u:secret@127.0.0.1:5432/test' })
    expect(describeDatabase(config)).toBe('PostgreSQL postgres://u@127.0.0.1:5432/test')
  })
  it('rejects anything else, naming the variable', () => {
    expect(() => parseDatabaseUrl('mysql://x')).toThrow(/DATABASE_URL/)
    expect(() => parseDatabaseUrl('file:')).toThrow(/DATABASE_URL/)
  })
})
