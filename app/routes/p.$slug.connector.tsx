import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useState } from 'react'
import { num } from '~/utils/format'
import { useLocale } from '~/utils/locale'
import { CREDENTIAL_FIELDS, describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, fieldError } from '~/components/forms'
import { LocalTime } from '~/components/local-time'
import { useRevalidateWhile } from '~/utils/use-revalidate-while'
import { WriteBackFields } from '~/components/assets/write-back-fields'
import { writeBackSettings } from '~/utils/write-back-settings'
import { useBusy } from '~/utils/use-busy'

export const meta: MetaFunction = () => [{ title: 'PSA sync · Accord' }]

type Kind = 'connectwise' | 'autotask' | 'halopsa'
const KINDS: Array<[Kind, string]> = [
  ['connectwise', 'ConnectWise Manage'],
  ['autotask', 'Autotask'],
  ['halopsa', 'HaloPSA'],
]
const CREDENTIAL_LABELS: Record<string, string> = {
  companyId: 'Company id',
  publicKey: 'Public key',
  privateKey: 'Private key',
  clientId: 'Client id',
  username: 'API user name',
  secret: 'Secret',
  integrationCode: 'Integration code',
  clientSecret: 'Client secret',
  tenant: 'Tenant (optional)',
}
const SECRET_FIELDS = new Set(['privateKey', 'secret', 'clientSecret', 'publicKey', 'integrationCode'])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [status, runs, partnership] = await Promise.all([
    orRespond(caller.connector.status({ slug })),
    orRespond(caller.connector.runs({ slug, limit: 20 })),
    orRespond(caller.partnership.get({ slug })),
  ])
  return json(
    { status, runs: runs.runs, canManage: partnership.permissions.includes('connector.manage'), canSync: partnership.permissions.includes('sync.run'), credentialFields: CREDENTIAL_FIELDS },
    { headers },
  )
}

const list = (value: FormDataEntryValue | null) =>
  String(value ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)

/** "Name = P1" per line. */
function priorityMap(value: FormDataEntryValue | null): Record<string, string> {
  const map: Record<string, string> = {}
  for (const line of String(value ?? '').split('\n')) {
    const at = line.lastIndexOf('=')
    if (at > 0) map[line.slice(0, at).trim()] = line.slice(at + 1).trim().toUpperCase()
  }
  return map
}

const STATUS_KINDS = ['waiting', 'resolved', 'closed'] as const
/** What each vendor means by default, when a list of the status map is left empty. */
const STATUS_DEFAULTS: Record<Kind, Record<(typeof STATUS_KINDS)[number], string>> = {
  connectwise: { waiting: 'board statuses whose SLA stage is “Waiting” (NoEscalation)', resolved: 'board statuses at the “Resolved” SLA stage', closed: 'board statuses flagged closed' },
  autotask: { waiting: '“Waiting Customer”', resolved: 'none', closed: 'status 5, Complete' },
  halopsa: { waiting: 'statuses that put the SLA on hold', resolved: 'none', closed: 'status 9, Closed' },
}
const STATUS_LABELS = { waiting: 'Waiting (the resolution clock stops)', resolved: 'Resolved', closed: 'Closed' }

const number = (value: FormDataEntryValue | null) => (String(value ?? '').trim() === '' ? undefined : Number(value))

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const slug = params.slug ?? ''
  const form = await request.formData()
  const intent = String(form.get('intent') ?? '')
  try {
    if (intent === 'test') {
      const result = await caller.connector.test({ slug })
      return json({ intent, ok: result.ok, message: result.message, fieldErrors: [] as Array<{ field: string; message: string }> })
    }
    if (intent === 'sync' || intent === 'full') {
      const { alreadyQueued } = await caller.connector.startSync({ slug, full: intent === 'full' })
      return json({ intent, ok: true, message: alreadyQueued ? 'A sync is already queued or running.' : 'Sync queued.', fieldErrors: [] as Array<{ field: string; message: string }> })
    }
    const kind = String(form.get('kind') ?? '') as Kind
    const fields: readonly string[] = CREDENTIAL_FIELDS[kind] ?? []
    // All blank: keep the stored credentials. Some filled: send every field, so a blank one is named as missing.
    const entered = fields.map((f) => [f, String(form.get(`cred-${f}`) ?? '').trim()] as const)
    const credentials = entered.some(([, v]) => v) ? Object.fromEntries(entered) : {}
    await caller.connector.save({
      slug,
      kind,
      baseUrl: String(form.get('baseUrl') ?? '').trim() || null,
      ...(Object.keys(credentials).length ? { credentials } : {}),
      companies: list(form.get('companies')),
      priorityMap: priorityMap(form.get('priorityMap')) as Record<string, 'P1'>,
      escalation: { queues: list(form.get('escalationQueues')), statuses: list(form.get('escalationStatuses')) },
      // An empty list keeps the vendor's defaults.
      statusMap: Object.fromEntries(STATUS_KINDS.flatMap((k) => (list(form.get(`status-${k}`)).length ? [[k, list(form.get(`status-${k}`))]] : []))),
      settings: { surveyId: number(form.get('surveyId')), csatScaleMax: number(form.get('csatScaleMax')), ...writeBackSettings(form) },
      syncEveryMinutes: number(form.get('syncEveryMinutes')) ?? 60,
      enabled: form.get('enabled') === 'on',
    })
    return json({ intent: 'save', ok: true, message: 'Connection saved. Credentials are stored encrypted and never shown again.', fieldErrors: [] as Array<{ field: string; message: string }> })
  } catch (error) {
    const e = describeError(error)
    // What was typed comes back into the form (never the credentials).
    const values = Object.fromEntries(
      ['kind', 'baseUrl', 'companies', 'priorityMap', 'escalationQueues', 'escalationStatuses', ...STATUS_KINDS.map((k) => `status-${k}`), 'surveyId', 'csatScaleMax', 'syncEveryMinutes'].map((k) => [k, String(form.get(k) ?? '')]),
    )
    return json({ intent, ok: false, message: e.message, fieldErrors: e.fieldErrors, values }, { status: e.status })
  }
}

function pct(p: number | null) {
  return p === null ? '' : `${Math.round(p * 100)}%`
}

function eta(seconds: number | null) {
  if (seconds === null) return ''
  return seconds < 90 ? `about ${seconds} s left` : `about ${Math.round(seconds / 60)} min left`
}

export default function ConnectorPage() {
  const locale = useLocale()
  const { status, runs, canManage, canSync, credentialFields } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const c = status.connection
  const typed = result && 'values' in result ? (result.values as Record<string, string>) : null
  const [kind, setKind] = useState<Kind>((typed?.kind as Kind) || (c?.kind as Kind) || 'connectwise')
  const active = status.latestRun && (status.latestRun.status === 'queued' || status.latestRun.status === 'running')

  // Live progress: while a run is queued or running, the page asks again every 1.5 s.
  useRevalidateWhile(Boolean(active))

  const errors = result?.fieldErrors
  const err = (field: string) => fieldError(errors, field)
  const run = status.latestRun
  return (
    <>
      <h2>PSA sync</h2>
      <p className="muted">
        Tickets come straight from the MSP’s PSA: only what changed since the last sync, a page at a time, each page committed with the sync’s
        position so an interrupted sync continues where it stopped. Accord computes SLA attainment itself; the PSA’s own verdicts are kept beside it.
      </p>
      {result ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          <p>{result.message}</p>
        </div>
      ) : null}

      <section aria-labelledby="sync-heading">
        <h3 id="sync-heading">Status</h3>
        {!c ? (
          <p className="empty">No PSA connected yet.{canManage ? ' Fill in the form below.' : ' The MSP’s admin connects it.'}</p>
        ) : (
          <dl className="facts">
            <dt>PSA</dt>
            <dd>
              {KINDS.find(([k]) => k === c.kind)?.[1]} {c.baseUrl ? <code>{c.baseUrl}</code> : null} ({c.credentialHint})
            </dd>
            <dt>Synced up to</dt>
            <dd>{c.cursor ? <LocalTime iso={c.cursor.updatedAt} /> : 'nothing yet'}{c.resuming ? ' (an interrupted sync will resume)' : ''}</dd>
            {status.pending ? (
              <>
                <dt>Next sync</dt>
                <dd data-testid="pending-status-work">
                  {status.pending.kind === 'recompute'
                    ? `Status map changed: recomputing pauses and lifecycle for ${num(status.pending.tickets, 0, locale)} tickets from their kept status histories (no PSA calls)`
                    : `Re-reading history for ${num(status.pending.tickets, 0, locale)} tickets from the PSA (every stored ticket is read again)`}
                </dd>
              </>
            ) : null}
            <dt>Schedule</dt>
            <dd>{c.enabled ? `every ${c.syncEveryMinutes} minutes` : 'paused'}</dd>
            {c.lastTest ? (
              <>
                <dt>Last test</dt>
                <dd>
                  {c.lastTest.ok ? '✓' : '✗'} {c.lastTest.message} <span className="muted">(<LocalTime iso={c.lastTest.at} />)</span>
                </dd>
              </>
            ) : null}
          </dl>
        )}
        {run ? (
          <div className="sync-progress" aria-live="polite">
            <p>
              <strong>Latest sync: {run.status}</strong> — {run.pages} pages, {num(run.fetched, 0, locale)} tickets fetched
              {run.total ? ` of ${num(run.total, 0, locale)}` : ''}, {run.inserted} new, {run.updated} updated, {run.skipped} skipped, {num(run.histories, 0, locale)} status histories read
              {run.historyUnparsed ? ` (${run.historyUnparsed} history rows not understood)` : ''}{' '}
              {active ? <span className="muted">{pct(run.progress)} {eta(run.etaSeconds)}</span> : null}
            </p>
            {run.progress !== null && active ? <progress max={1} value={run.progress} aria-label="Sync progress" /> : null}
            {run.error ? <p className="field-error">{run.errorCode}: {run.error}</p> : null}
          </div>
        ) : null}
        {c && (canSync || canManage) ? (
          <Form method="post" className="inline-actions">
            {canManage ? (
              <button type="submit" name="intent" value="test" className="button" disabled={busy}>
                Test connection
              </button>
            ) : null}
            {canSync ? (
              <>
                <button type="submit" name="intent" value="sync" className="button button-primary" disabled={busy || Boolean(active)}>
                  Sync now
                </button>
                <button type="submit" name="intent" value="full" className="button" disabled={busy || Boolean(active)}>
                  Full re-sync
                </button>
              </>
            ) : null}
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="history-heading">
        <h3 id="history-heading" className="spaced">
          History
        </h3>
        {runs.length === 0 ? (
          <p className="empty">No syncs yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Trigger</th>
                <th>Status</th>
                <th>Fetched</th>
                <th>New</th>
                <th>Updated</th>
                <th>Skipped</th>
                <th>Error / skipped records</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>{r.startedAt ? <LocalTime iso={r.startedAt} /> : 'queued'}</td>
                  <td>
                    {r.trigger}
                    {r.full ? ' (full)' : ''}
                  </td>
                  <td>{r.status}</td>
                  <td>{r.fetched}</td>
                  <td>{r.inserted}</td>
                  <td>{r.updated}</td>
                  <td>{r.skipped}</td>
                  <td>
                    {r.error ? `${r.errorCode}: ${r.error}` : null}
                    {r.skippedReasons.length ? (
                      <details>
                        <summary>{r.skippedReasons.length} skipped</summary>
                        <ul>
                          {r.skippedReasons.map((s, i) => (
                            <li key={i}>
                              {s.externalId ?? '(no id)'}: {s.reason}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {canManage ? (
        <section aria-labelledby="settings-heading">
          <h3 id="settings-heading" className="spaced">
            Connection settings
          </h3>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="save" />
            <div className="field">
              <label htmlFor="kind">PSA</label>
              <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {KINDS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="baseUrl">Base URL {kind === 'halopsa' ? '(your Halo instance)' : '(optional: another region or a self-hosted PSA)'}</label>
              <input id="baseUrl" name="baseUrl" type="url" defaultValue={typed?.baseUrl ?? c?.baseUrl ?? ''} aria-invalid={err('baseUrl') ? true : undefined} aria-describedby="baseUrl-error" />
              <FieldMessage id="baseUrl-error" message={err('baseUrl')} />
            </div>
            <fieldset>
              <legend>Credentials {c ? '(leave blank to keep the stored ones)' : ''}</legend>
              {credentialFields[kind].map((f) => (
                <div className="field" key={`${kind}-${f}`}>
                  <label htmlFor={`cred-${f}`}>{CREDENTIAL_LABELS[f]}</label>
                  <input
                    id={`cred-${f}`}
                    name={`cred-${f}`}
                    type={SECRET_FIELDS.has(f) ? 'password' : 'text'}
                    autoComplete="off"
                    aria-invalid={err(`credentials.${f}`) ? true : undefined}
                    aria-describedby={`cred-${f}-error`}
                  />
                  <FieldMessage id={`cred-${f}-error`} message={err(`credentials.${f}`)} />
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="companies">The PSA’s company / client ids for this client (comma-separated; empty: every ticket the credentials see)</label>
              <input id="companies" name="companies" defaultValue={typed?.companies ?? c?.companies.join(', ') ?? ''} aria-describedby="companies-error" />
              <FieldMessage id="companies-error" message={errors?.find((e) => e.field.startsWith('companies'))?.message} />
            </div>
            <div className="field">
              <label htmlFor="priorityMap">Priority names → P1–P4, one per line as “Name = P1” (names like “Priority 1 …”, “P2 - High”, “Critical” are read without help)</label>
              <textarea
                id="priorityMap"
                name="priorityMap"
                rows={4}
                defaultValue={
                  typed?.priorityMap ??
                  Object.entries(c?.priorityMap ?? {})
                    .map(([k, v]) => `${k} = ${v}`)
                    .join('\n')
                }
                aria-describedby="priorityMap-error"
              />
              <FieldMessage id="priorityMap-error" message={errors?.find((e) => e.field.startsWith('priorityMap'))?.message} />
            </div>
            <div className="field">
              <label htmlFor="escalationQueues">Escalated when on these boards / queues / teams (comma-separated)</label>
              <input id="escalationQueues" name="escalationQueues" defaultValue={typed?.escalationQueues ?? c?.escalation.queues.join(', ') ?? ''} />
            </div>
            <div className="field">
              <label htmlFor="escalationStatuses">…or in these statuses</label>
              <input id="escalationStatuses" name="escalationStatuses" defaultValue={typed?.escalationStatuses ?? c?.escalation.statuses.join(', ') ?? ''} />
            </div>
            <fieldset>
              <legend>Status map: which of the PSA’s status names mean what (comma-separated; empty: the PSA’s default)</legend>
              {STATUS_KINDS.map((k) => (
                <div className="field" key={k}>
                  <label htmlFor={`status-${k}`}>
                    {STATUS_LABELS[k]} <span className="muted">— default: {STATUS_DEFAULTS[kind][k]}</span>
                  </label>
                  <input
                    id={`status-${k}`}
                    name={`status-${k}`}
                    defaultValue={typed?.[`status-${k}`] ?? c?.statusMap[k]?.join(', ') ?? ''}
                    aria-invalid={errors?.some((e) => e.field.startsWith(`statusMap.${k}`)) ? true : undefined}
                    aria-describedby={`status-${k}-error`}
                  />
                  <FieldMessage id={`status-${k}-error`} message={errors?.find((e) => e.field.startsWith(`statusMap.${k}`))?.message} />
                </div>
              ))}
              <p className="muted">The SLA policy’s pause statuses stop the clock too. Changing the map makes the next sync read every ticket again.</p>
            </fieldset>
            {kind === 'connectwise' ? (
              <div className="field">
                <label htmlFor="surveyId">ConnectWise survey id for CSAT (optional)</label>
                <input id="surveyId" name="surveyId" type="number" defaultValue={typed?.surveyId ?? String(c?.settings.surveyId ?? '')} aria-describedby="surveyId-error" />
                <FieldMessage id="surveyId-error" message={err('settings.surveyId')} />
              </div>
            ) : null}
            {kind !== 'halopsa' ? (
              <div className="field">
                <label htmlFor="csatScaleMax">Highest survey score (default {kind === 'connectwise' ? 5 : 10})</label>
                <input id="csatScaleMax" name="csatScaleMax" type="number" step="any" defaultValue={typed?.csatScaleMax ?? String(c?.settings.csatScaleMax ?? '')} aria-describedby="csatScaleMax-error" />
                <FieldMessage id="csatScaleMax-error" message={err('settings.csatScaleMax')} />
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="syncEveryMinutes">Sync every (minutes)</label>
              <input id="syncEveryMinutes" name="syncEveryMinutes" type="number" min={5} max={1440} defaultValue={typed?.syncEveryMinutes ?? c?.syncEveryMinutes ?? 60} aria-describedby="syncEveryMinutes-error" />
              <FieldMessage id="syncEveryMinutes-error" message={err('syncEveryMinutes')} />
            </div>
            <WriteBackFields settings={(c?.settings ?? {}) as Parameters<typeof WriteBackFields>[0]['settings']} err={err} />
            <div className="field">
              <label>
                <input type="checkbox" name="enabled" defaultChecked={c?.enabled ?? true} /> Sync on the schedule
              </label>
            </div>
            <button type="submit" className="button button-primary" disabled={busy}>
              Save connection
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
