import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { describeError, orRespond, requireApi } from '~/api.server'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { TextField } from '~/components/text-field'
import { FISCAL_START_MONTHS, type FiscalStartMonth, enumLabel, quarterLabel } from '~/utils/labels'
import { quarterOf } from '~/utils/format'
import { fieldErrorsFromIssues } from '../../server/errors.ts'
import { QBR_CADENCE_MAX, QBR_CADENCE_MIN, ZPartnershipSettingsFields } from '../../server/partnerships/partnership-settings.schemas.ts'

// The partnership's settings (ADR 023 addendum): its QBR cadence, the MSP's account manager for it (the portfolio
// filters by them) and the month its fiscal year starts (quarters then read as fiscal quarters, ADR 027). The MSP's
// admin and account managers set them; the form and `partnership.updateSettings` share one schema.

export const meta: MetaFunction = () => [{ title: 'Partnership settings · Accord' }]

const MONTHS: Record<FiscalStartMonth, string> = { 1: 'January', 4: 'April', 7: 'July', 10: 'October' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  return json(await orRespond(caller.partnership.settings({ slug: params.slug ?? '' })), { headers })
}

type ActionResult = { ok: true; message: string; fieldErrors: FieldErrorLike[]; stale: false } | { ok: false; message: string; fieldErrors: FieldErrorLike[]; stale: boolean }

/** A form field as the schema's type: a number input's text as a number (empty or not a number stays NaN, refused by name). */
const asNumber = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? Number.NaN : Number(v))

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const owner = String(form.get('ownerUserId') ?? '')
  const parsed = ZPartnershipSettingsFields.safeParse({
    qbrCadenceMonths: asNumber(form.get('qbrCadenceMonths')),
    ownerUserId: owner === '' ? null : owner,
    fiscalYearStartMonth: asNumber(form.get('fiscalYearStartMonth')),
    baseVersion: asNumber(form.get('baseVersion')),
  })
  if (!parsed.success) {
    return json<ActionResult>({ ok: false, message: 'Check the highlighted fields', fieldErrors: fieldErrorsFromIssues(parsed.error.issues), stale: false }, { status: 400 })
  }
  try {
    const saved = await caller.partnership.updateSettings({ slug: params.slug ?? '', ...parsed.data })
    return json<ActionResult>({ ok: true, message: `Saved (version ${saved.version}).`, fieldErrors: [], stale: false })
  } catch (error) {
    const e = describeError(error)
    return json<ActionResult>({ ok: false, message: e.message, fieldErrors: e.fieldErrors, stale: e.status === 409 }, { status: e.status })
  }
}

export default function PartnershipSettingsPage() {
  const s = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useBusy()
  const errors = result?.ok ? [] : result?.fieldErrors
  const example = quarterOf()
  const monthError = fieldError(errors, 'fiscalYearStartMonth')
  const ownerError = fieldError(errors, 'ownerUserId')
  return (
    <>
      <h2>Settings</h2>
      <p className="muted">
        How the MSP runs this partnership with {s.clientName}. The portfolio reads the cadence for the next QBR’s date and filters by account manager; packs, budgets and
        QBRs read in fiscal quarters when the year does not start in January.
      </p>
      {result ? (
        <div className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'} id="settings-result">
          <p>{result.message}</p>
          {result.stale ? <p>The form below shows the current settings.</p> : null}
        </div>
      ) : null}
      {/* After a save or a 409 the form is rendered again from the current settings and version. */}
      <Form method="post" className="card section-card" key={`v${s.version}`} noValidate>
        <input type="hidden" name="baseVersion" value={s.version} />
        <TextField
          name="qbrCadenceMonths"
          label="Months between QBRs"
          type="number"
          min={QBR_CADENCE_MIN}
          max={QBR_CADENCE_MAX}
          step={1}
          defaultValue={s.qbrCadenceMonths}
          errors={errors}
          hint="3 is quarterly. A QBR is due within 30 days of the last one plus this, overdue after."
        />
        <div className="field">
          <label htmlFor="ownerUserId">Account manager</label>
          <select id="ownerUserId" name="ownerUserId" defaultValue={s.ownerUserId ?? ''} aria-invalid={ownerError ? true : undefined} aria-describedby={ownerError ? 'ownerUserId-error' : undefined}>
            <option value="">Nobody yet</option>
            {s.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({enumLabel(c.role)})
              </option>
            ))}
          </select>
          <FieldMessage id="ownerUserId-error" message={ownerError} />
        </div>
        <div className="field">
          <label htmlFor="fiscalYearStartMonth">Fiscal year starts in</label>
          <select
            id="fiscalYearStartMonth"
            name="fiscalYearStartMonth"
            defaultValue={String(s.fiscalYearStartMonth)}
            aria-invalid={monthError ? true : undefined}
            aria-describedby={['fiscalYearStartMonth-hint', monthError ? 'fiscalYearStartMonth-error' : null].filter(Boolean).join(' ')}
          >
            {FISCAL_START_MONTHS.map((m) => (
              <option key={m} value={m}>
                {m === 1 ? `${MONTHS[m]} (calendar year)` : `${MONTHS[m]} — this quarter reads ${quarterLabel(example, m)}`}
              </option>
            ))}
          </select>
          <p className="field-hint" id="fiscalYearStartMonth-hint">
            The first month of a calendar quarter, so every fiscal quarter is a calendar quarter under another name.
          </p>
          <FieldMessage id="fiscalYearStartMonth-error" message={monthError} />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          Save settings
        </button>
      </Form>
    </>
  )
}
