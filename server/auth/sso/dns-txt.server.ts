import { Resolver } from 'node:dns/promises'

export type TxtLookup = (name: string) => Promise<string[][]>

// Tests (and an offline demo) put their own lookup here. It lives on globalThis because the HTTP layer runs this
// module from source while the Remix build bundles its own copy; both must see the same lookup.
const KEY = Symbol.for('accord.sso.txtLookup')
const holder = globalThis as { [KEY]?: TxtLookup }

export function setTxtLookupForTests(lookup: TxtLookup | undefined): void {
  holder[KEY] = lookup
}

const systemLookup: TxtLookup = (name) => {
  const resolver = new Resolver({ timeout: 5_000, tries: 2 })
  return resolver.resolveTxt(name)
}

/** The TXT strings at a name (each record's chunks joined); none when the name or record does not exist. */
export async function txtRecords(name: string): Promise<string[]> {
  try {
    return (await (holder[KEY] ?? systemLookup)(name)).map((chunks) => chunks.join(''))
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === 'ENOTFOUND' || code === 'ENODATA') return []
    throw error
  }
}
