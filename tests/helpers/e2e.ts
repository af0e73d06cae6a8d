import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser.ts'
import { type TestServer, startTestServer } from './server.ts'

/** Where browser tests leave screenshots and other files to look at (gitignored). */
export const ARTIFACTS = path.resolve('tests/artifacts')

/**
 * The e2e tier's fixture: one test server and one Chromium for the file, started before its tests and closed
 * after them, and the artifacts folder in place. Read `server` and `browser` inside tests and hooks.
 */
export function useServerAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
    fs.mkdirSync(ARTIFACTS, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get server() {
      if (!server) throw new Error('The test server starts in beforeAll: read it inside a test or hook')
      return server
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in beforeAll: read it inside a test or hook')
      return browser
    },
  }
}
