import { Form, Link, useLocation, useNavigate, useParams } from '@remix-run/react'

interface Props {
  user: { name: string; email: string; memberships: Array<{ org: { slug: string; name: string; kind: 'MSP' | 'CLIENT' }; role: string }> }
  partnerships: Array<{ slug: string; msp: { name: string }; client: { name: string }; myParty: 'MSP' | 'CLIENT' }>
}

/** Header: product name, the partnership switcher, the user's organization links and sign-out. */
export function AppHeader({ user, partnerships }: Props) {
  const params = useParams()
  const navigate = useNavigate()
  const location = useLocation()
  const current = params.slug
  const org = user.memberships[0]?.org
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label="Accord home">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        Accord
      </Link>
      {partnerships.length > 0 ? (
        <form method="get" action="/go" className="switcher" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="partnership-switcher" className="visually-hidden">
            Partnership
          </label>
          <select
            id="partnership-switcher"
            name="to"
            value={current ?? ''}
            onChange={(e) => {
              const slug = e.currentTarget.value
              if (!slug) return
              // Keep the same section (members, audit …) when switching partnerships.
              const section = current ? location.pathname.split('/').slice(3).join('/') : ''
              navigate(`/p/${slug}${section ? `/${section}` : ''}`)
            }}
          >
            {current ? null : <option value="">Choose a partnership…</option>}
            {partnerships.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.myParty === 'CLIENT' ? p.msp.name : p.client.name}
                {p.myParty === 'CLIENT' ? ' (your MSP)' : ' (client)'}
              </option>
            ))}
          </select>
        </form>
      ) : null}
      <nav className="header-nav" aria-label="Account">
        {partnerships.length > 1 ? <Link to="/sla">SLAs side by side</Link> : null}
        {org ? <Link to={`/org/${org.slug}/members`}>{org.name}</Link> : null}
        <Link to="/account/security">Security</Link>
        <Link to="/account/tokens">API tokens</Link>
        <Link to="/account/notifications">Notifications</Link>
        <span className="who" title={user.email}>
          {user.name}
        </span>
        <Form method="post" action="/logout">
          <button type="submit" className="link-button">
            Sign out
          </button>
        </Form>
      </nav>
    </header>
  )
}
