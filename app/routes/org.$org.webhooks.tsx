import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_LABELS, describeError, orRespond, requireApi } from '~/api.server'
import { CopyBox } from '~/components/copy-box'
import { type FieldErrorLike, fieldError } from '~/components/forms'
import { DeliveryLog } from '~/components/webhooks/delivery-log'
import { EndpointCard } from '~/components/webhooks/endpoint-card'
import { NewEndpointForm } from '~/components/webhooks/new-endpoint-form'
import { useLocale } from '~/utils/locale'
import { useBusy } from '~/utils/use-busy'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const org = params.org ?? ''
  // webhook.list answers 404 to a non-member and 403 to a role without webhook.manage; me() then names the organization.
  const [endpoints, deliveries, me] = await Promise.all([orRespond(caller.webhook.list({ org })), orRespond(caller.webhook.deliveries({ org, limit: 50 })), caller.me()])
  const membership = me.memberships.find((m) => m.org.slug === org)
  if (!membership) throw json({ message: 'Organization not found' }, { status: 404 })
  const events = WEBHOOK_EVENTS.map((value) => ({ value, label: WEBHOOK_EVENT_LABELS[value] }))
  return json({ org: membership.org, endpoints, deliveries, events }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Webhooks · ${data.org.name} · Accord` : 'Accord' }]

type Intent = 'create' | 'update' | 'rotate' | 'delete' | 'test' | 'resend'
interface ActionResult {
  intent: Intent | null
  ok: boolean
  message: string
  fieldErrors: FieldErrorLike[]
  /** The endpoint an update, rotation or test was about. */
  id: string | null
  /** The signing secret after create or rotate: in this one response only. */
  secret: string | null
  values?: { url: string; description: string; events: string[] }
}
const INTENTS: readonly string[] = ['create', 'update', 'rotate', 'delete', 'test', 'resend']

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const raw = String(form.get('intent') ?? '')
  const intent = INTENTS.includes(raw) ? (raw as Intent) : null
  const org = params.org ?? ''
  const id = String(form.get('id') ?? '')
  const events = form.getAll('events').map(String) as never[]
  const answer = (r: Omit<ActionResult, 'intent' | 'fieldErrors' | 'id' | 'secret'> & Partial<ActionResult>, status = 200) =>
    json<ActionResult>({ intent, fieldErrors: [], id: id || null, secret: null, ...r }, { status, headers: { 'Cache-Control': 'no-store' } })
  try {
    switch (intent) {
      case 'create': {
        const created = await caller.webhook.create({ org, url: String(form.get('url') ?? ''), description: String(form.get('description') ?? ''), events })
        return answer({ ok: true, message: `Endpoint ${created.url} added.`, secret: created.secret, id: created.id })
      }
      case 'update':
        await caller.webhook.update({ org, id, baseVersion: Number(form.get('baseVersion')), events, enabled: form.get('enabled') === 'on' })
        return answer({ ok: true, message: 'Endpoint saved.' })
      case 'rotate': {
        const rotated = await caller.webhook.rotateSecret({ org, id })
        return answer({ ok: true, message: `New signing secret for ${rotated.url}; the old one no longer signs deliveries.`, secret: rotated.secret })
      }
      case 'delete':
        await caller.webhook.delete({ org, id })
        return answer({ ok: true, message: 'Endpoint deleted with its delivery log.' })
      case 'test':
        await caller.webhook.sendTest({ org, id })
        return answer({ ok: true, message: 'Test event queued: its delivery shows in the log below.' })
      case 'resend': {
        const again = await caller.webhook.resend({ org, id })
        return answer({ ok: true, message: `The ${again.event} event was queued again (same event id): the new delivery shows in the log below.` })
      }
      default:
        return answer({ ok: false, message: 'Unknown action' }, 400)
    }
  } catch (error) {
    const e = describeError(error)
    const values = intent === 'create' ? { url: String(form.get('url') ?? ''), description: String(form.get('description') ?? ''), events: events as string[] } : undefined
    return answer({ ok: false, message: e.message, fieldErrors: e.fieldErrors, values }, e.status)
  }
}

export default function OrgWebhooks() {
  const { org, endpoints, deliveries, events } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as ActionResult | undefined
  const busy = useBusy()
  const locale = useLocale()
  const createRefused = result?.intent === 'create' && !result.ok
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${org.slug}/members`}>← {org.name}: members</Link>
      </p>
      <h1>{org.name}: webhooks</h1>
      <p className="muted">
        Accord POSTs a JSON event to each of your endpoints subscribed to it, for your organization’s partnerships. Each delivery is signed: the{' '}
        <code>Accord-Signature</code> header is <code>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</code>, where v1 is the HMAC-SHA256 of{' '}
        <code>&lt;t&gt;.&lt;body&gt;</code> with the endpoint’s secret. A delivery that does not get a 2xx answer is tried again with growing delays (30
        seconds, then 1, 2, 4 … minutes), up to 8 attempts. The API reference is at <a href="/api/docs">/api/docs</a>.
      </p>
      {result && !createRefused ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          <p className="alert-title">{result.message}</p>
          {result.intent === 'update' && fieldError(result.fieldErrors, 'events') ? <p>{fieldError(result.fieldErrors, 'events')}</p> : null}
          {result.secret ? (
            <>
              <p className="alert-warning">
                <strong>Copy the signing secret now: it is shown only this once.</strong> Accord keeps it encrypted; rotate it for a new one.
              </p>
              <CopyBox value={result.secret} label="Signing secret" testId="webhook-secret" />
            </>
          ) : null}
        </div>
      ) : null}
      {createRefused ? (
        <p className="alert alert-error" role="alert">
          {result.message}
        </p>
      ) : null}
      <NewEndpointForm events={events} fieldErrors={createRefused ? result.fieldErrors : []} values={createRefused ? result.values : undefined} busy={busy} />
      <h2>
        Endpoints <span className="muted count">({endpoints.length})</span>
      </h2>
      {endpoints.length === 0 ? <p className="empty">No endpoints yet.</p> : null}
      {endpoints.map((e) => (
        <EndpointCard key={e.id} endpoint={e} events={events} busy={busy} eventsError={result?.intent === 'update' && result.id === e.id ? fieldError(result.fieldErrors, 'events') : undefined} />
      ))}
      <h2>Delivery log</h2>
      <p className="muted">The latest 50 deliveries, newest first. The answer’s body is never stored, only its status.</p>
      <DeliveryLog deliveries={deliveries} locale={locale} busy={busy} />
    </div>
  )
}
