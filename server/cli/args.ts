// The `accord` command's argument helpers: a usage error names the flag, and no flag is read loosely.
import fs from 'node:fs'
import { parseArgs } from 'node:util'

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function parseStrict(args: string[], spec: Record<string, 'string' | 'boolean'>) {
  try {
    return parseArgs({ args, options: Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }])), strict: true, allowPositionals: false })
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify.*$/s, ''))
  }
}

export function instantArg(name: string, value: string): Date {
  const ms = Date.parse(value)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw new UsageError(`--${name}: not an ISO 8601 instant: ${value}`)
  return new Date(ms)
}

export async function readJsonFile(file: string): Promise<unknown> {
  if (!fs.existsSync(file)) throw new UsageError(`--file: no such file ${file}`)
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`--file: not valid JSON (${(error as Error).message})`)
  }
}
