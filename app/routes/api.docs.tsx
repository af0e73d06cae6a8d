import type { MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { openApiDocument } from '~/api.server'
import { Operation, OperationLink, type OperationView } from '~/components/api-docs/operation'

// The readable page of /api/openapi.json: every operation, grouped by router, with its input and output fields.
// Drawn from the same document, on the server, with no script or asset from elsewhere.
type Schema = Record<string, unknown>

export function loader() {
  const doc = openApiDocument() as { info: { description: string }; tags: Array<{ name: string }>; paths: Record<string, Record<string, Schema>> }
  const groups = new Map<string, OperationView[]>(doc.tags.map((t) => [t.name, []]))
  for (const [url, item] of Object.entries(doc.paths)) {
    const [method, op] = Object.entries(item)[0] as [string, Schema]
    const params = op.parameters as Array<{ content: { 'application/json': { schema: Schema } } }> | undefined
    const body = op.requestBody as { content: { 'application/json': { schema: Schema } } } | undefined
    const ok = (op.responses as Record<string, { content?: { 'application/json': { schema: Schema } } }>)['200']
    const data = ((ok.content?.['application/json'].schema.properties as Schema).result as { properties: { data: Schema } }).properties.data
    const permission = op['x-accord-permission'] as { name: string; in: string } | undefined
    const view: OperationView = {
      path: url.replace('/api/trpc/', ''),
      method: method.toUpperCase() as 'GET' | 'POST',
      permission: permission ? `${permission.name} (in the ${permission.in})` : null,
      sessionOnly: (op.security as Array<Record<string, unknown>>).every((s) => !('bearer' in s)),
      input: params?.[0]?.content['application/json'].schema ?? body?.content['application/json'].schema ?? null,
      output: Object.keys(data).length ? data : null,
    }
    groups.get((op.tags as string[])[0])?.push(view)
  }
  return json(
    { intro: doc.info.description.split('\n\n'), groups: [...groups].map(([name, ops]) => ({ name, ops })) },
    { headers: { 'Cache-Control': 'public, max-age=300' } },
  )
}

export const meta: MetaFunction = () => [{ title: 'API reference · Accord' }]

export default function ApiDocs() {
  const { intro, groups } = useLoaderData<typeof loader>()
  const count = groups.reduce((n, g) => n + g.ops.length, 0)
  return (
    <div className="page">
      <h1>API reference</h1>
      {intro.map((p, i) => (
        <p key={i}>
          {p.split('`').map((part, j) => (j % 2 ? <code key={j}>{part}</code> : part))}
        </p>
      ))}
      <p>
        {count} operations in {groups.length} groups. The machine-readable description (OpenAPI 3.1): <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      <nav aria-label="Operations by group" className="card">
        <ul>
          {groups.map((g) => (
            <li key={g.name}>
              <a href={`#group-${g.name}`}>{g.name}</a>:{' '}
              {g.ops.map((op, i) => (
                <span key={op.path}>
                  {i > 0 ? ', ' : ''}
                  <OperationLink op={op} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.name} aria-labelledby={`group-${g.name}`}>
          <h2 id={`group-${g.name}`}>{g.name}</h2>
          {g.ops.map((op) => (
            <Operation key={op.path} op={op} />
          ))}
        </section>
      ))}
    </div>
  )
}
