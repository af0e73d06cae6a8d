// A JSON Schema shown as a readable table: the top-level fields of an object with their types, whether they are
// required, and their limits; nested objects and arrays of objects are indented beneath their field.
type Schema = Record<string, unknown>

function typeOf(s: Schema | undefined): string {
  if (!s) return 'any'
  if (s.$ref) return String(s.$ref).split('/').pop() ?? 'object'
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (s.const !== undefined) return JSON.stringify(s.const)
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined
  if (variants) return variants.map(typeOf).join(' | ')
  if (s.type === 'array') {
    const item = typeOf(s.items as Schema | undefined)
    return item.includes(' | ') ? `(${item})[]` : `${item}[]`
  }
  if (Array.isArray(s.type)) return s.type.join(' | ')
  if (typeof s.type === 'string') return s.format ? `${s.type} (${String(s.format)})` : s.type
  return 'any'
}

function limits(s: Schema): string {
  const parts: string[] = []
  if (s.minLength !== undefined) parts.push(`min length ${String(s.minLength)}`)
  if (s.maxLength !== undefined) parts.push(`max length ${String(s.maxLength)}`)
  // zod marks every integer with the safe-integer bounds: only bounds of the schema's own are worth reading.
  if (s.minimum !== undefined && s.minimum !== -Number.MAX_SAFE_INTEGER) parts.push(`≥ ${String(s.minimum)}`)
  if (s.maximum !== undefined && s.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${String(s.maximum)}`)
  if (s.minItems !== undefined) parts.push(`at least ${String(s.minItems)} items`)
  if (s.maxItems !== undefined) parts.push(`at most ${String(s.maxItems)} items`)
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`)
  if (typeof s.description === 'string') parts.push(s.description)
  return parts.join('; ')
}

function objectOf(s: Schema | undefined): Schema | null {
  if (!s) return null
  if (s.type === 'object' && s.properties) return s
  if (s.type === 'array') return objectOf(s.items as Schema | undefined)
  const variants = (s.anyOf ?? s.oneOf) as Schema[] | undefined
  return variants ? (variants.map(objectOf).find(Boolean) ?? null) : null
}

interface Row {
  name: string
  depth: number
  type: string
  required: boolean
  notes: string
}

function rows(s: Schema, depth: number, out: Row[]): Row[] {
  const required = new Set((s.required as string[] | undefined) ?? [])
  for (const [name, child] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    out.push({ name, depth, type: typeOf(child), required: required.has(name), notes: limits(child) })
    const nested = objectOf(child)
    if (nested && depth < 3) rows(nested, depth + 1, out)
  }
  return out
}

export function SchemaFields({ schema, caption }: { schema: Schema | null; caption: string }) {
  if (!schema) return <p className="muted">{caption}: none.</p>
  const object = objectOf(schema)
  if (!object) {
    return (
      <p>
        {caption}: <code>{typeOf(schema)}</code>
      </p>
    )
  }
  const list = rows(object, 0, [])
  return (
    <div className="table-wrap api-fields">
      <table className="table-stack">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={`${r.name}-${i}`}>
              <td>
                <code style={{ paddingLeft: `${r.depth * 1.25}rem` }}>{r.name}</code>
              </td>
              <td>
                <code>{r.type}</code>
              </td>
              <td>{r.required ? 'yes' : 'no'}</td>
              <td>{r.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
