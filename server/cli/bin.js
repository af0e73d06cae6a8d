#!/usr/bin/env node
// The package's `accord` bin: the compiled CLI (build/server/cli.js, made by `npm run build`) when it is there, as
// in production; else the TypeScript source through tsx's loader (a development checkout before its first build).
import fs from 'node:fs'

const compiled = new URL('../../build/server/cli.js', import.meta.url)
if (fs.existsSync(compiled)) {
  process.argv.splice(1, 1, compiled.pathname)
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  process.argv.splice(1, 1, new URL('./index.ts', import.meta.url).pathname)
  await import('./index.ts')
}
