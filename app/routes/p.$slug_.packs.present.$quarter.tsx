import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { orRespond, requireApi } from '~/api.server'
import { packSlides } from '~/components/pack-presentation'

// Outside the partnership layout (`p.$slug_`): the presentation takes the whole screen. It draws the frozen
// snapshot of a pack version (the latest of the quarter unless ?version=N), the same data as that version's PDF.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const quarter = params.quarter ?? ''
  const asked = Number(new URL(request.url).searchParams.get('version') ?? '')
  const versions = await orRespond(caller.pack.list({ slug, quarter }))
  const version = Number.isInteger(asked) && asked > 0 ? asked : versions[0]?.version
  if (!version) throw json({ message: `No pack for ${quarter} yet: generate one on the packs page` }, { status: 404 })
  const { snapshot, version: v } = await orRespond(caller.pack.snapshot({ slug, quarter, version }))
  return json({ slug, snapshot, version: v }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `QBR ${data.snapshot.quarter} · ${data.snapshot.client.name} · Accord` : 'QBR · Accord' }]

export default function PackPresentation() {
  const { slug, snapshot, version } = useLoaderData<typeof loader>()
  const slides = useMemo(() => packSlides(snapshot), [snapshot])
  const [index, setIndex] = useState(0)
  const go = useCallback((to: number) => setIndex(Math.max(0, Math.min(slides.length - 1, to))), [slides.length])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName)) return
      if (['ArrowRight', 'PageDown', ' '].includes(e.key)) go(index + 1)
      else if (['ArrowLeft', 'PageUp'].includes(e.key)) go(index - 1)
      else if (e.key === 'Home') go(0)
      else if (e.key === 'End') go(slides.length - 1)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go, index, slides.length])
  const slide = slides[index]
  return (
    // Inside the root layout's <main>: a second main landmark here confused screen readers (axe: one main per page).
    // The deck's name is the page's h1 and each slide's title an h2, so a slide's own h3s follow in order.
    <div className="present" style={{ borderTopColor: snapshot.msp.primaryColor ?? undefined }}>
      <header className="present-bar">
        <h1 className="present-title muted">
          {snapshot.msp.name} · {snapshot.client.name} · QBR {snapshot.quarter} v{version.version}
        </h1>
        <nav className="inline-links" aria-label="Presentation">
          <button type="button" className="button" onClick={() => go(index - 1)} disabled={index === 0}>
            ← Previous
          </button>
          <span aria-live="polite">
            {index + 1} / {slides.length}
          </span>
          <button type="button" className="button" onClick={() => go(index + 1)} disabled={index === slides.length - 1}>
            Next →
          </button>
          <button type="button" className="button" onClick={() => document.documentElement.requestFullscreen?.().catch(() => {})}>
            Full screen
          </button>
          <a href={`/p/${slug}/packs/${version.quarter}/v${version.version}.pdf`}>PDF</a> · <a href={`/p/${slug}/packs/${version.quarter}/v${version.version}.pptx`}>PPTX</a>
          <Link to={`/p/${slug}/packs`}>Close</Link>
        </nav>
      </header>
      <section className="pack-slide" aria-labelledby="slide-title" key={slide.id}>
        <h2 id="slide-title">{slide.title}</h2>
        {/* Focusable, so that a keyboard can scroll a slide taller than the screen. */}
        <div className="slide-body" tabIndex={0} role="region" aria-label={`${slide.title}, slide content`}>
          {slide.body}
        </div>
      </section>
    </div>
  )
}
