import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireApi } from '~/api.server'

export const meta: MetaFunction = () => [{ title: 'Your partnerships · Accord' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const partnerships = await caller.partnership.list()
  // One partnership: nothing to choose, go straight to it.
  if (partnerships.length === 1) throw redirect(`/p/${partnerships[0].slug}`, { headers })
  return json({ partnerships }, { headers })
}

export default function Home() {
  const { partnerships } = useLoaderData<typeof loader>()
  return (
    <div className="page">
      <h1>Your partnerships</h1>
      {partnerships.length === 0 ? (
        <p className="empty">You are not part of any partnership yet. Ask your organization's admin to add one.</p>
      ) : (
        <ul className="partnership-grid">
          {partnerships.map((p) => (
            <li key={p.slug}>
              <Link to={`/p/${p.slug}`} className="card partnership-card" style={{ borderTopColor: p.msp.primaryColor ?? undefined }}>
                <span className="eyebrow">{p.myParty === 'CLIENT' ? 'Your MSP' : 'Client'}</span>
                <strong>{p.myParty === 'CLIENT' ? p.msp.name : p.client.name}</strong>
                <span className="muted">
                  {p.msp.name} · {p.client.name}
                </span>
                <span className={`badge badge-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
