import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, json, useLoaderData, useRouteError } from '@remix-run/react'
import { useEffect } from 'react'
import { AppHeader } from '~/components/app-header'
import { getShell } from '~/api.server'
import { useNonce } from '~/utils/nonce'
import { localeFromAcceptLanguage } from '~/utils/format'
import styles from '~/styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]
export const meta: MetaFunction = () => [{ title: 'Accord' }, { name: 'description', content: 'The shared workspace of an MSP and its clients' }]

export async function loader({ request }: LoaderFunctionArgs) {
  // The reader's locale for dates: the server renders with it, so the browser's first render matches.
  return json({ ...(await getShell(request)), locale: localeFromAcceptLanguage(request.headers.get('accept-language')) })
}

/**
 * Marks the document once React has hydrated it (effects run after the commit), so browser tests wait for the end
 * of hydration, and so for any hydration error, rather than for a fixed time.
 */
function useHydratedMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce()
  useHydratedMark()
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const shell = useLoaderData<typeof loader>()
  return (
    <>
      {shell.user ? <AppHeader user={shell.user} partnerships={shell.partnerships} /> : null}
      <main id="main" className="main">
        <Outlet />
      </main>
    </>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const message = isRouteErrorResponse(error)
    ? ((error.data as { message?: string } | null)?.message ?? error.statusText)
    : 'Something went wrong on our side. Try again in a moment.'
  return (
    <main id="main" className="main">
      <div className="card error-page" role="alert">
        <h1>{status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Back to your partnerships</a>
        </p>
      </div>
    </main>
  )
}
