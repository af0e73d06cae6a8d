import { SchemaFields } from './schema-fields'

export interface OperationView {
  path: string
  method: 'GET' | 'POST'
  permission: string | null
  sessionOnly: boolean
  input: Record<string, unknown> | null
  output: Record<string, unknown> | null
}

const anchor = (path: string) => `op-${path.replace(/\./g, '-')}`

export function OperationLink({ op }: { op: OperationView }) {
  return <a href={`#${anchor(op.path)}`}>{op.path}</a>
}

export function Operation({ op }: { op: OperationView }) {
  return (
    <section className="card" aria-labelledby={`${anchor(op.path)}-title`} id={anchor(op.path)}>
      <h3 id={`${anchor(op.path)}-title`}>
        <code>{op.method}</code> <code>{`/api/trpc/${op.path}`}</code>
      </h3>
      <p>
        {op.permission ? (
          <>
            Permission: <code>{op.permission}</code>.{' '}
          </>
        ) : null}
        {op.sessionOnly ? 'Browser session only (not with an API token).' : 'With an API token or a browser session.'}
      </p>
      <SchemaFields schema={op.input} caption={`Input of ${op.path}`} />
      <SchemaFields schema={op.output} caption={`Output of ${op.path} (in result.data)`} />
    </section>
  )
}
