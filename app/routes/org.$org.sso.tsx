import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ROLE_LABELS, describeError, orRespond, requireApi, rolesForKind } from '~/api.server'
import type { FieldErrorLike } from '~/components/forms'
import { SsoConnectionForm } from '~/components/sso-connection-form'
import { SsoDomains } from '~/components/sso-domains'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  // sso.settings answers 404 to a non-member and 403 to a role without sso.manage.
  const settings = await orRespond(caller.sso.settings({ org: params.org ?? '' }))
  const roles = rolesForKind(settings.org.kind).map((r) => ({ value: r, label: ROLE_LABELS[r] }))
  return json({ ...settings, roles }, { headers })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Single sign-on · ${data.org.name} · Accord` : 'Accord' }]

export type SsoIntent = 'save' | 'check' | 'claim' | 'verify' | 'remove'
export interface SsoActionResult {
  intent: SsoIntent | null
  ok: boolean
  message: string
  fieldErrors: FieldErrorLike[]
  /** The domain row a verify or remove is about. */
  target: string | null
  values?: Record<string, string>
}

const INTENTS: readonly string[] = ['save', 'check', 'claim', 'verify', 'remove']

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const raw = String(form.get('intent') ?? '')
  const intent = INTENTS.includes(raw) ? (raw as SsoIntent) : null
  const org = params.org ?? ''
  const text = (name: string) => String(form.get(name) ?? '')
  const target = intent === 'verify' || intent === 'remove' ? text('domainId') : null
  const answer = (ok: boolean, message: string, status = 200, fieldErrors: FieldErrorLike[] = [], values?: Record<string, string>) =>
    json<SsoActionResult>({ intent, ok, message, fieldErrors, target, values }, { status })
  try {
    switch (intent) {
      case 'save': {
        const policy = text('unknownUserPolicy')
        await caller.sso.saveConnection({
          org,
          issuerUrl: text('issuerUrl'),
          clientId: text('clientId'),
          clientSecret: text('clientSecret') || undefined,
          unknownUserPolicy: policy as 'REFUSE',
          provisionRole: policy === 'PROVISION' ? (text('provisionRole') as never) : null,
          ssoOnly: form.get('ssoOnly') === 'on',
          enabled: form.get('enabled') === 'on',
        })
        return answer(true, 'Single sign-on settings saved.')
      }
      case 'check': {
        const result = await caller.sso.checkConnection({ org })
        return answer(result.ok, result.message)
      }
      case 'claim':
        await caller.sso.claimDomain({ org, domain: text('domain') })
        return answer(true, 'Domain added: publish its TXT record, then verify it.')
      case 'verify': {
        const result = await caller.sso.verifyDomain({ org, domainId: text('domainId') })
        return answer(result.verified, result.message)
      }
      case 'remove':
        await caller.sso.removeDomain({ org, domainId: text('domainId') })
        return answer(true, 'Domain removed.')
      default:
        return answer(false, 'Unknown action', 400)
    }
  } catch (error) {
    const e = describeError(error)
    const values = intent === 'save' ? Object.fromEntries(['issuerUrl', 'clientId', 'unknownUserPolicy', 'provisionRole'].map((k) => [k, text(k)])) : intent === 'claim' ? { domain: text('domain') } : undefined
    return answer(false, e.message, e.status, e.fieldErrors, values)
  }
}

export default function OrgSso() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>() as SsoActionResult | undefined
  const c = data.connection
  const verified = data.domains.filter((d) => d.verified).length
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/org/${data.org.slug}/members`}>← {data.org.name}: members</Link>
      </p>
      <h1>{data.org.name}: single sign-on</h1>
      <p className="muted">
        Your people sign in with your OpenID Connect identity provider (Microsoft Entra ID, Google Workspace, Okta or any standard issuer) when their
        email is on one of your verified domains.{' '}
        {c?.enabled
          ? `On${c.ssoOnly ? ', SSO only: passwords are turned off for your people' : ', alongside passwords'}. ${verified} verified domain${verified === 1 ? '' : 's'}.`
          : c
            ? 'Set up, turned off.'
            : 'Not set up yet.'}
      </p>
      <SsoConnectionForm data={data} result={result?.intent === 'save' || result?.intent === 'check' ? result : undefined} />
      <SsoDomains org={data.org.slug} domains={data.domains} result={result && ['claim', 'verify', 'remove'].includes(result.intent ?? '') ? result : undefined} />
    </div>
  )
}
