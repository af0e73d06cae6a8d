#!/usr/bin/env node
// The package's `accord` bin: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api'

register()
process.argv.splice(1, 1, new URL('./index.ts', import.meta.url).pathname)
await import('./index.ts')
