import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The folder of package.json (prisma/, public/, build/ beside it), found upward from this module: the same from
 * the TypeScript source (server/), the compiled server (build/server/) and the Remix build (build/).
 */
export function projectRoot(from = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from))
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'prisma'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No project folder (package.json beside prisma/) above ${fileURLToPath(from)}`)
    dir = parent
  }
}
