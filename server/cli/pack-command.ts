// `accord pack`: one partnership's pack to a file, or every partnership of an MSP to a folder.
import { AppError } from '../errors.ts'
import { generatePacksForMsp, writePack } from '../pack/generate-pack-batch.server.ts'
import { ZPackInput } from '../pack/snapshot.ts'
import { UsageError, parseStrict } from './args.ts'
import { CLI_ACTOR, migrated } from './database.ts'

export async function packCommand(args: string[]): Promise<string> {
  const { values } = parseStrict(args, { partnership: 'string', msp: 'string', quarter: 'string', out: 'string', 'out-dir': 'string', 'as-of': 'string' })
  if (!values.quarter) throw new UsageError('--quarter is required')
  ZPackInput.pick({ quarter: true, asOf: true }).parse({ quarter: values.quarter, asOf: values['as-of'] })
  const asOf = values['as-of'] as string | undefined
  if (values.partnership) {
    if (!values.out) throw new UsageError('--out is required with --partnership')
    await migrated('accord pack')
    const version = await writePack(CLI_ACTOR, { slug: String(values.partnership), quarter: String(values.quarter), asOf }, String(values.out), (stage, done, total) =>
      process.stderr.write(`\r${stage} ${done}/${total}   `),
    )
    process.stderr.write('\n')
    return `Wrote ${values.out}: ${values.partnership} ${version.quarter} v${version.version}, ${version.pages} pages, sha256 ${version.sha256}`
  }
  if (values.msp) {
    if (!values['out-dir']) throw new UsageError('--out-dir is required with --msp')
    await migrated('accord pack')
    const results = await generatePacksForMsp(CLI_ACTOR, {
      msp: String(values.msp),
      quarter: String(values.quarter),
      asOf,
      outDir: String(values['out-dir']),
      onPartnership: (done, total, r) => process.stderr.write(`[${done}/${total}] ${r.slug}: ${r.error ? `skipped (${r.error})` : `v${r.version!.version} in ${Math.round(r.ms)} ms`}\n`),
    })
    const failed = results.filter((r) => r.error)
    const summary = `Wrote ${results.length - failed.length} of ${results.length} packs to ${values['out-dir']}.`
    if (failed.length) throw new AppError('BAD_REQUEST', `${summary} Skipped: ${failed.map((f) => f.slug).join(', ')}`)
    return summary
  }
  throw new UsageError('pack: give --partnership S --out FILE, or --msp S --out-dir DIR')
}
