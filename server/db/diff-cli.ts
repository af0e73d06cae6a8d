// Developer tool: `npm run db:diff -- <name>` writes the migration that takes the committed migrations to the
// current prisma/schema.prisma; `npm run db:diff -- --check` fails when they disagree (run in CI).
import fs from 'node:fs/promises'
import path from 'node:path'
import { MIGRATIONS_DIR, diffSchemaAgainstMigrations } from './migrate.server.ts'

const arg = process.argv[2]
const sql = (await diffSchemaAgainstMigrations()).trim()
const empty = sql === '' || /^-- This is an empty migration\.?$/.test(sql)
if (arg === '--check') {
  if (!empty) {
    console.error('prisma/schema.prisma has changes that no migration holds; run `npm run db:diff -- <name>`:\n' + sql)
    process.exit(1)
  }
  console.log('schema and migrations agree')
} else if (!arg || !/^[a-z0-9_]+$/.test(arg)) {
  console.error('usage: npm run db:diff -- <name in snake_case> | --check')
  process.exit(1)
} else if (empty) {
  console.log('No changes: the migrations already match the schema.')
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${arg}`)
  await fs.mkdir(dir, { recursive: true })
  await fs.writeFile(path.join(dir, 'migration.sql'), sql + '\n')
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`)
}
process.exit()
