// `accord`: the operator command. Run as `npm run -s accord -- <command>` (or the package's `accord` bin).
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { ZodError } from 'zod'
import { UsageError, instantArg, parseStrict, readJsonFile } from './args.ts'
import { CLI_ACTOR, migrated } from './database.ts'
import { allReportLists, formatReport } from './format-sla-report.ts'
import { packCommand } from './pack-command.ts'
import { portfolioCommand } from './portfolio-command.ts'
import { CREDENTIAL_FLAGS, SyncFailed, credentialsFrom, startMocksIfAsked, sync } from './sync-command.ts'
import { closeDatabase, openDatabase, setDatabase } from '../db/client.server.ts'
import { parseDatabaseUrl } from '../db/config.ts'
import { applyMigrations } from '../db/migrate.server.ts'
import { backupDatabase, restoreDatabase } from '../db/backup.server.ts'
import { pruneOldRows } from '../jobs/retention.server.ts'
import { parseRetentionEnv } from '../jobs/retention-config.ts'
import { seedDemo } from '../demo/seed.server.ts'
import { AppError } from '../errors.ts'
import { ZSsoDomainName } from '../auth/sso/sso.schemas.ts'
import { unsafeAllowPasswords } from '../auth/sso/allow-passwords.server.ts'
import { unsafeConfirmSsoDomain } from '../auth/sso/verify-sso-domain.server.ts'
import { unsafeOperatorScope } from '../access/policy.server.ts'
import { runSlaAlertScan, runSlaDigest } from '../notifications/sla-alerts.server.ts'
import { listAtRiskTickets } from '../sla/list-at-risk-tickets.server.ts'
import { setSlaPolicy } from '../sla/sla-policies.server.ts'
import { closeMail } from '../../emails/send-email.server.ts'
import { slaReport } from '../sla/sla-report.server.ts'
import { reevaluateVerdicts } from '../sla/stored/reevaluate-verdicts.server.ts'
import { disputeReport, formatDisputeReport } from '../disputes/dispute-report.server.ts'
import { importTicketsCsv } from '../tickets/import-tickets-csv.server.ts'
import { importAssetsCsv } from '../assets/import-assets-csv.server.ts'
import { assetForecast } from '../assets/asset-forecast.server.ts'
import { importMetricsCsv } from '../metrics/import-metrics-csv.server.ts'
import { serviceKpis } from '../sla/kpis/service-kpis.server.ts'
import { formatServiceKpis } from './format-service-kpis.ts'
import { createOrganization } from '../organizations/create-organization.server.ts'
import { seedStarterStandards } from '../standards/seed-starter-standards.server.ts'
import { STARTER_STANDARDS } from '../standards/starter-library.ts'
import { alignmentTrend } from '../assessments/list-assessments.server.ts'
import { createPartnership } from '../partnerships/create-partnership.server.ts'
import { createApiToken } from '../tokens/create-api-token.server.ts'
import { db } from '../db/client.server.ts'
import { createUser } from '../users/create-user.server.ts'
import { saveConnection } from '../connectors/save-connection.server.ts'
import { testConnection } from '../connectors/test-connection.server.ts'
import { CREDENTIAL_FIELDS } from '../connectors/connector.schemas.ts'
import { PSA_KINDS, type PsaKind } from '../connectors/types.ts'
import { openApiDocument } from '../openapi/openapi.server.ts'
import { deliverDueWebhooks } from '../webhooks/deliver-webhooks.server.ts'

export { UsageError }
export { SyncFailed }


const USAGE = `Usage: accord <command>

  db migrate                                              apply pending database migrations
  db backup --out FILE                                    a consistent dump (embedded: through the running server if any; PostgreSQL: pg_dump)
  db restore --file FILE                                  restore a dump into an empty data folder (embedded) or an empty database (pg_restore)
  db prune                                                delete finished jobs, sync runs, outbox rows and expired
                                                          sessions past their RETENTION_*_DAYS (default 30); prints JSON
  demo seed [--tenants-only] [--days N]                   create the demo tenants and users, and N days (365) of
                                                          activity unless --tenants-only (idempotent)
  org create --kind MSP|CLIENT --slug S --name N          create an organization
  partnership create --msp S --client S --slug S          link an MSP and a client
  user create --email E --name N --org S --role R         create a user (password read from stdin)
  token create --email E --name N                         create an API token for a user (prints only the token)
  sla policy set --partnership S --file policy.json       set the SLA policy (a new version)
  sla reevaluate (--partnership S | --all)                store SLA verdicts under the newest policy now (ADR 022)
  sla report --partnership S (--quarter 2026-Q3 | --from D --to D) [--as-of ISO] [--all] --json
                                                          SLA attainment computed from the tickets
  sla disputes --partnership S --quarter 2026-Q3 [--as-of ISO] [--json]
                                                          the quarter's verdict disputes, attainment computed and agreed
  sla at-risk --partnership S [--as-of ISO] [--json]      open tickets past the policy's at-risk share, soonest due first
  sla kpis --partnership S --quarter 2026-Q3 [--as-of ISO] [--top-n N] [--json]
                                                          service KPIs beyond SLA %, beside the previous quarter and per month
  tickets import --partnership S --file tickets.csv       import tickets from CSV (prints the summary as JSON)
  assets import --partnership S --file assets.csv         import assets from CSV (prints the summary as JSON)
  assets forecast --partnership S                         the replacement forecast by quarter (JSON)
  standards seed --org S                                  give an MSP the starter standards library (idempotent; prints JSON)
  assessments trend --partnership S [--json]              the reviewed assessments' alignment scores, oldest first
  metrics import --partnership S --file metrics.csv       import metric samples (metric,at,value[,source]); all or nothing
  connector add --partnership S --kind connectwise|autotask|halopsa [--base-url URL] [--companies 250,251]
                [credential flags, or the PSA_* variables below]
                                                          connect the partnership's PSA (credentials encrypted)
  connector test --partnership S                          check the stored credentials against the PSA
  sync --partnership S [--full]                           sync tickets from the PSA (prints a JSON summary)

PSA credentials (flags, else environment; prefer the environment, flags show in the process list):
  connectwise  --company-id PSA_COMPANY_ID  --public-key PSA_PUBLIC_KEY  --private-key PSA_PRIVATE_KEY  --client-id PSA_CLIENT_ID
  autotask     --username PSA_USERNAME  --secret PSA_SECRET  --integration-code PSA_INTEGRATION_CODE
  halopsa      --client-id PSA_CLIENT_ID  --client-secret PSA_CLIENT_SECRET  [--tenant PSA_TENANT]
  sso verify-domain --org S --domain D                     confirm an email domain the organization claimed, without DNS
  sso passwords --org S --on                              turn SSO-only off (passwords work again) when the IdP is lost
  notify scan [--now ISO] [--lookback-hours N]            mail new P1/P2 SLA breaches and at-risk clocks (each once); prints JSON
  notify digest [--date YYYY-MM-DD]                       mail the daily digest of other breaches (default: yesterday, UTC)
  webhooks deliver                                        send the webhook deliveries due now (and retries due); prints JSON
  api openapi [--out FILE]                                the OpenAPI 3.1 document of the API (/api/openapi.json)
  pack --partnership S --quarter 2026-Q3 --out FILE [--as-of ISO]
                                                          freeze a QBR pack version and write its PDF
  pack --msp S --quarter 2026-Q3 --out-dir DIR [--as-of ISO]
                                                          the same for every partnership of an MSP (progress on stderr)

  portfolio --msp S [--quarter 2026-Q3] [--as-of ISO] [--owner USER_ID|none] [--sort COLUMN] [--desc] [--json | --csv]
                                                          every partnership of an MSP at a glance (portfolio.list's figures)

Database: DATABASE_URL (unset: the embedded database in ./data/db).`

type Options = Record<string, { type: 'string' }>

function flags<const K extends string>(args: string[], names: readonly K[]): Record<K, string> {
  const options: Options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]))
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''))
  }
  for (const name of names) {
    if (typeof values[name] !== 'string' || values[name] === '') throw new UsageError(`--${name} is required`)
  }
  return values as Record<K, string>
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('the password is read from stdin: pipe it in, e.g. `printf %s "$PASSWORD" | accord user create …`')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
}

/** Runs one command; returns what to print on stdout. */
export async function run(argv: string[]): Promise<string> {
  if (argv[0] === 'sync') return sync(argv.slice(1))
  if (argv[0] === 'pack') return packCommand(argv.slice(1))
  if (argv[0] === 'portfolio') return portfolioCommand(argv.slice(1))
  const [noun, verb, ...rest] = argv
  const command = `${noun ?? ''} ${verb ?? ''}`.trim()
  switch (command) {
    case 'db migrate': {
      flags(rest, [])
      const database = await openDatabase(parseDatabaseUrl(process.env.DATABASE_URL), { holder: 'accord db migrate' })
      setDatabase(database)
      const applied = await applyMigrations(database)
      return applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.'
    }
    case 'db backup':
      return backupDatabase(parseDatabaseUrl(process.env.DATABASE_URL), flags(rest, ['out']).out)
    case 'db restore':
      return restoreDatabase(parseDatabaseUrl(process.env.DATABASE_URL), flags(rest, ['file']).file)
    case 'db prune': {
      flags(rest, [])
      const retention = parseRetentionEnv(process.env)
      await migrated('accord db prune')
      return JSON.stringify(await pruneOldRows(retention))
    }
    case 'demo seed': {
      const { values } = parseStrict(rest, { 'tenants-only': 'boolean', days: 'string' })
      const days = values.days === undefined ? 365 : Number(values.days)
      if (!Number.isInteger(days) || days < 1 || days > 365) throw new UsageError('--days: a whole number of days from 1 to 365')
      await migrated('accord demo seed')
      const created = await seedDemo({ activity: !values['tenants-only'], days })
      return `Demo data ready (created ${created.organizations} organizations, ${created.partnerships} partnerships, ${created.users} users).`
    }
    case 'org create': {
      const f = flags(rest, ['kind', 'slug', 'name'])
      await migrated('accord org create')
      const org = await createOrganization(CLI_ACTOR, f)
      return `Created ${org.kind} organization ${org.slug} (${org.name}).`
    }
    case 'partnership create': {
      const f = flags(rest, ['msp', 'client', 'slug'])
      await migrated('accord partnership create')
      const p = await createPartnership(CLI_ACTOR, f)
      return `Created partnership ${p.slug}.`
    }
    case 'user create': {
      const f = flags(rest, ['email', 'name', 'org', 'role'])
      const password = await readStdin()
      await migrated('accord user create')
      const user = await createUser(CLI_ACTOR, { ...f, password })
      return `Created user ${user.email}.`
    }
    case 'token create': {
      const f = flags(rest, ['email', 'name'])
      await migrated('accord token create')
      const user = await (await db()).user.findUnique({ where: { email: f.email.trim().toLowerCase() } })
      if (!user) throw new AppError('BAD_REQUEST', `email: no user ${f.email}`)
      const created = await createApiToken({ userId: user.id, label: 'cli' }, { name: f.name })
      return created.token
    }
    case 'sla policy': {
      if (rest[0] !== 'set') throw new UsageError('usage: sla policy set --partnership S --file policy.json')
      const f = flags(rest.slice(1), ['partnership', 'file'])
      const policy = await readJsonFile(f.file)
      await migrated('accord sla policy set')
      const stored = await setSlaPolicy(await unsafeOperatorScope(f.partnership), CLI_ACTOR, { slug: f.partnership, policy }, { replace: true })
      return `SLA policy "${stored.policy.name}" is now version ${stored.version} of ${f.partnership}.`
    }
    case 'sla reevaluate': {
      // Stores the verdicts under the newest policy now (ADR 022): after migrating a database whose tickets predate
      // stored verdicts, or to finish a re-evaluation without waiting for the job runner.
      const { values } = parseStrict(rest, { partnership: 'string', all: 'boolean' })
      if (!values.partnership && !values.all) throw new UsageError('usage: sla reevaluate --partnership S | --all')
      await migrated('accord sla reevaluate')
      const ids = values.all
        ? (await (await db()).partnership.findMany({ select: { id: true, slug: true }, orderBy: { slug: 'asc' } }))
        : [{ id: (await unsafeOperatorScope(String(values.partnership))).id, slug: String(values.partnership) }]
      const lines: string[] = []
      for (const p of ids) {
        const r = await reevaluateVerdicts(p.id)
        lines.push(r.version === null ? `${p.slug}: no SLA policy` : `${p.slug}: ${r.evaluated} ticket(s) re-evaluated; reports on policy version ${r.version}`)
      }
      return lines.join('\n')
    }
    case 'sla report': {
      // The lists come as counts and a first page (ADR 030); --all reads every page of each, for scripts.
      const { values } = parseStrict(rest, { partnership: 'string', quarter: 'string', from: 'string', to: 'string', 'as-of': 'string', all: 'boolean', json: 'boolean' })
      if (!values.partnership) throw new UsageError('--partnership is required')
      await migrated('accord sla report')
      const scope = await unsafeOperatorScope(String(values.partnership))
      const input = { slug: values.partnership, quarter: values.quarter, from: values.from, to: values.to, asOf: values['as-of'] }
      const report = await slaReport(scope, input)
      if (values.all) Object.assign(report, await allReportLists(scope, { ...input, asOf: report.asOf }, report))
      return values.json ? JSON.stringify(report, null, 2) : formatReport(report, Boolean(values.all))
    }
    case 'sla disputes': {
      const { values } = parseStrict(rest, { partnership: 'string', quarter: 'string', 'as-of': 'string', json: 'boolean' })
      if (!values.partnership) throw new UsageError('--partnership is required')
      if (!values.quarter) throw new UsageError('--quarter is required')
      await migrated('accord sla disputes')
      const report = await disputeReport(await unsafeOperatorScope(String(values.partnership)), { slug: values.partnership, quarter: values.quarter, asOf: values['as-of'] })
      return values.json ? JSON.stringify(report, null, 2) : formatDisputeReport(report)
    }
    case 'sla at-risk': {
      const { values } = parseStrict(rest, { partnership: 'string', 'as-of': 'string', json: 'boolean' })
      if (!values.partnership) throw new UsageError('--partnership is required')
      await migrated('accord sla at-risk')
      const list = await listAtRiskTickets(await unsafeOperatorScope(String(values.partnership)), { slug: values.partnership, asOf: values['as-of'], limit: 500 })
      if (values.json) return JSON.stringify(list, null, 2)
      const lines = list.clocks.map((c) => `${c.externalId}  ${c.priority}  ${c.metric}  ${Math.floor(c.usedShare * 100)}% used  due ${c.dueAt ?? 'on hold'}`)
      return [`${list.total} clock(s) at risk (≥ ${Math.round(list.atRiskShare * 100)}% used) as of ${list.asOf}`, ...lines].join('\n')
    }
    case 'standards seed': {
      const f = flags(rest, ['org'] as const)
      await migrated('accord standards seed')
      const prisma = await db()
      const org = await prisma.organization.findUnique({ where: { slug: f.org } })
      if (!org || org.kind !== 'MSP') throw new UsageError(`--org: no MSP organization "${f.org}"`)
      const added = await prisma.$transaction((tx) => seedStarterStandards(tx, org.id))
      return JSON.stringify({ org: f.org, added, starterStandards: STARTER_STANDARDS.length })
    }
    case 'assessments trend': {
      const { values } = parseStrict(rest, { partnership: 'string', json: 'boolean' })
      if (!values.partnership) throw new UsageError('--partnership is required')
      await migrated('accord assessments trend')
      const trend = await alignmentTrend(await unsafeOperatorScope(String(values.partnership)))
      if (values.json) return JSON.stringify(trend, null, 2)
      if (trend.length === 0) return 'No reviewed assessment yet.'
      return trend.map((t) => `${t.reviewedAt.slice(0, 10)}  ${t.overall === null ? '—' : `${t.overall.toFixed(1)}%`}  ${t.title}`).join('\n')
    }
    case 'sla kpis': {
      const { values } = parseStrict(rest, { partnership: 'string', quarter: 'string', 'as-of': 'string', 'top-n': 'string', json: 'boolean' })
      if (!values.partnership) throw new UsageError('--partnership is required')
      if (!values.quarter) throw new UsageError('--quarter is required')
      const topN = values['top-n'] === undefined ? undefined : Number(values['top-n'])
      await migrated('accord sla kpis')
      const kpis = await serviceKpis(await unsafeOperatorScope(String(values.partnership)), { slug: values.partnership, quarter: values.quarter, asOf: values['as-of'], topN })
      return values.json ? JSON.stringify(kpis, null, 2) : formatServiceKpis(kpis)
    }
    case 'metrics import': {
      const f = flags(rest, ['partnership', 'file'])
      if (!fs.existsSync(f.file)) throw new UsageError(`--file: no such file ${f.file}`)
      await migrated('accord metrics import')
      return JSON.stringify(await importMetricsCsv(await unsafeOperatorScope(f.partnership), fs.createReadStream(f.file)), null, 2)
    }
    case 'tickets import': {
      const f = flags(rest, ['partnership', 'file'])
      if (!fs.existsSync(f.file)) throw new UsageError(`--file: no such file ${f.file}`)
      await migrated('accord tickets import')
      const summary = await importTicketsCsv(await unsafeOperatorScope(f.partnership), fs.createReadStream(f.file), {
        onProgress: ({ rows }) => process.stderr.write(`\r${rows.toLocaleString('en-US')} rows`),
      })
      process.stderr.write('\n')
      return JSON.stringify(summary, null, 2)
    }
    case 'assets import': {
      const f = flags(rest, ['partnership', 'file'])
      if (!fs.existsSync(f.file)) throw new UsageError(`--file: no such file ${f.file}`)
      await migrated('accord assets import')
      return JSON.stringify(await importAssetsCsv(await unsafeOperatorScope(f.partnership), CLI_ACTOR, fs.createReadStream(f.file)), null, 2)
    }
    case 'assets forecast': {
      const f = flags(rest, ['partnership'])
      await migrated('accord assets forecast')
      const scope = await unsafeOperatorScope(f.partnership)
      return JSON.stringify(await assetForecast(scope, { slug: scope.slug }), null, 2)
    }
    case 'connector add': {
      const { values } = parseStrict(rest, {
        partnership: 'string', kind: 'string', 'base-url': 'string', companies: 'string',
        ...Object.fromEntries(Object.keys(CREDENTIAL_FLAGS).map((f) => [f, 'string' as const])),
      })
      if (!values.partnership) throw new UsageError('--partnership is required')
      const kind = String(values.kind ?? '')
      if (!(PSA_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--kind must be one of ${PSA_KINDS.join(', ')}`)
      const credentials = credentialsFrom(kind as PsaKind, values as Record<string, unknown>)
      const missing = Object.entries(CREDENTIAL_FLAGS).filter(([, [field]]) => field !== 'tenant' && (CREDENTIAL_FIELDS[kind as PsaKind] as readonly string[]).includes(field) && !credentials[field])
      if (missing.length) throw new UsageError(`${kind} needs ${missing.map(([flag, [, variable]]) => `--${flag} (or ${variable})`).join(', ')}`)
      await migrated('accord connector add')
      const scope = await unsafeOperatorScope(String(values.partnership))
      const saved = await saveConnection(scope, CLI_ACTOR, {
        slug: scope.slug,
        kind,
        baseUrl: values['base-url'] ?? null,
        credentials,
        companies: values.companies ? String(values.companies).split(',').map((c) => c.trim()).filter(Boolean) : [],
      })
      return `Connected ${scope.slug} to ${saved.kind}${saved.baseUrl ? ` at ${saved.baseUrl}` : ''} (${saved.credentialHint}). Run \`accord connector test --partnership ${scope.slug}\`.`
    }
    case 'connector test': {
      const f = flags(rest, ['partnership'])
      await migrated('accord connector test')
      await startMocksIfAsked()
      const result = await testConnection(await unsafeOperatorScope(f.partnership), CLI_ACTOR)
      if (!result.ok) throw new AppError('SERVICE_UNAVAILABLE', `${result.code}: ${result.message}`)
      return result.message
    }
    case 'sso verify-domain': {
      const f = flags(rest, ['org', 'domain'])
      await migrated('accord sso verify-domain')
      const domain = ZSsoDomainName.safeParse(f.domain)
      if (!domain.success) throw new UsageError(`--domain: ${domain.error.issues[0]?.message}`)
      await unsafeConfirmSsoDomain(f.org, domain.data)
      return `${domain.data} is verified for ${f.org}.`
    }
    case 'sso passwords': {
      const { values } = parseStrict(rest, { org: 'string', on: 'boolean' })
      if (!values.org || values.on !== true) throw new UsageError('usage: sso passwords --org S --on')
      await migrated('accord sso passwords')
      await unsafeAllowPasswords(String(values.org))
      return `Passwords work again for ${values.org}'s people (SSO-only is off).`
    }
    case 'webhooks deliver': {
      flags(rest, [])
      await migrated('accord webhooks deliver')
      return JSON.stringify(await deliverDueWebhooks())
    }
    case 'api openapi': {
      const { values } = parseStrict(rest, { out: 'string' })
      const text = JSON.stringify(openApiDocument(), null, 2)
      if (typeof values.out !== 'string') return text
      fs.writeFileSync(values.out, `${text}\n`)
      return `Wrote ${values.out}`
    }
    case 'notify scan': {
      const { values } = parseStrict(rest, { now: 'string', 'lookback-hours': 'string' })
      const now = values.now ? instantArg('now', String(values.now)) : new Date()
      const lookback = values['lookback-hours'] === undefined ? undefined : Number(values['lookback-hours'])
      if (lookback !== undefined && !(Number.isInteger(lookback) && lookback > 0 && lookback <= 24 * 31)) throw new UsageError('--lookback-hours: a whole number of hours, 1 to 744')
      await migrated('accord notify scan')
      try {
        return JSON.stringify(await runSlaAlertScan(now, { lookbackHours: lookback }), null, 2)
      } finally {
        await closeMail()
      }
    }
    case 'notify digest': {
      const { values } = parseStrict(rest, { date: 'string' })
      const day = values.date ? String(values.date) : new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new UsageError(`--date: not a day as YYYY-MM-DD: ${day}`)
      await migrated('accord notify digest')
      try {
        return JSON.stringify(await runSlaDigest(day), null, 2)
      } finally {
        await closeMail()
      }
    }
    default:
      throw new UsageError(noun ? `unknown command "${command}"` : 'no command given')
  }
}






/** A message for stderr naming the bad argument. */
export function explain(error: unknown): string {
  if (error instanceof SyncFailed) return error.message
  if (error instanceof UsageError) return `accord: ${error.message}\n\n${USAGE}`
  if (error instanceof ZodError) {
    return error.issues.map((i) => `accord: --${i.path.join('.') || 'input'}: ${i.message}`).join('\n')
  }
  if (error instanceof AppError) {
    const fields = error.fieldErrors.filter((f) => !error.message.startsWith(`${f.field}:`))
    const head = /^[a-z]+:/.test(error.message) ? `--${error.message}` : error.message
    return [`accord: ${head}`, ...fields.map((f) => `accord: --${f.field}: ${f.message}`)].join('\n')
  }
  return `accord: ${error instanceof Error ? error.message : String(error)}`
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/server\/cli\//, '/server/cli/'))
if (isMain) {
  const argv = process.argv.slice(2)
  if (argv[0] === '--help' || argv[0] === 'help' || argv.length === 0) {
    console.log(USAGE)
    process.exit(argv.length === 0 ? 1 : 0)
  }
  try {
    console.log(await run(argv))
    await closeDatabase()
  } catch (error) {
    console.error(explain(error))
    await closeDatabase().catch(() => {})
    process.exitCode = 1
  }
  // The WebAssembly schema engine leaves a timer behind for ~10 s after its work is done; a CLI exits when done.
  process.exit()
}


