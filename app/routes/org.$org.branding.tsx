import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { useBusy } from '~/utils/use-busy'

// The MSP's logo on its QBR packs and in the app header, for its admins (org.brand; ADR 027).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json(await orRespond(caller.branding.get({ org: params.org ?? '' })), { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Branding · ${data.org.name} · Accord` : 'Accord' }]

const MAX_UPLOAD = 512 * 1024

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const org = params.org ?? ''
  const form = await request.formData()
  try {
    if (form.get('intent') === 'remove') {
      await caller.branding.removeLogo({ org })
      return json({ ok: true, message: 'Logo removed: new packs are drawn without it.', fieldErrors: [] as Array<{ field: string; message: string }> })
    }
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0) return json({ ok: false, message: 'Choose a PNG or SVG file', fieldErrors: [{ field: 'file', message: 'Choose a PNG or SVG file' }] }, { status: 400 })
    if (file.size > MAX_UPLOAD) return json({ ok: false, message: 'At most 512 kB', fieldErrors: [{ field: 'file', message: 'At most 512 kB' }] }, { status: 400 })
    await caller.branding.setLogo({ org, fileBase64: Buffer.from(await file.arrayBuffer()).toString('base64') })
    return json({ ok: true, message: 'Logo saved: new packs draw it on the cover and in page headers.', fieldErrors: [] })
  } catch (error) {
    const e = describeError(error)
    if (e.status !== 400) throw json({ message: e.message }, { status: e.status })
    return json({ ok: false, message: e.message, fieldErrors: e.fieldErrors }, { status: 400 })
  }
}

export default function OrgBranding() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const fileError = fieldError(result?.fieldErrors, 'file')
  return (
    <div className="page">
      <div className="section-head">
        <div>
          <span className="eyebrow">{data.org.name}</span>
          <h1>Branding</h1>
        </div>
        <Link to={`/org/${data.org.slug}/members`}>← Members</Link>
      </div>
      {result && !fileError ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      <section className="card section-card" aria-labelledby="logo-heading">
        <h2 id="logo-heading">Logo</h2>
        <p className="muted">
          Drawn on the cover and in the page headers of new QBR packs (PDF and PPTX), and in the app header. PNG or SVG, at most 512 kB; an SVG is
          turned into an image on upload, so nothing in it runs. Packs already generated keep the logo they were drawn with.
        </p>
        {data.logoUrl ? (
          <p>
            <img src={data.logoUrl} alt={`${data.org.name} logo`} className="logo-preview" height={64} />
            <span className="muted">
              {' '}
              {data.width} × {data.height} px
            </span>
          </p>
        ) : (
          <p className="empty">No logo yet.</p>
        )}
        <Form method="post" encType="multipart/form-data" className="form-row">
          <input type="hidden" name="intent" value="upload" />
          <label htmlFor="logo-file">PNG or SVG file</label>
          <input id="logo-file" name="file" type="file" accept="image/png,image/svg+xml" aria-invalid={fileError ? true : undefined} aria-describedby="logo-file-error" />
          <FieldMessage id="logo-file-error" message={fileError} />
          <button type="submit" className="button button-primary" disabled={busy}>
            Upload logo
          </button>
        </Form>
        {data.logoUrl ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button" disabled={busy}>
              Remove logo
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  )
}
