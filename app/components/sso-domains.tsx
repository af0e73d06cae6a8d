import { Form } from '@remix-run/react'
import type { SsoActionResult } from '~/routes/org.$org.sso'
import { FieldMessage, fieldError } from './forms'
import { LocalTime } from './local-time'
import { useBusy } from '~/utils/use-busy'

interface Domain {
  id: string
  domain: string
  verified: boolean
  verifiedAt: string | null
  recordName: string
  recordValue: string
}

/** The organization's email domains: claimed, proved by a DNS TXT record, removed. */
export function SsoDomains({ domains, result }: { org: string; domains: Domain[]; result?: SsoActionResult }) {
  const busy = useBusy()
  const domainError = result?.intent === 'claim' && !result.ok ? (fieldError(result.fieldErrors, 'domain') ?? result.message) : undefined
  const rowResult = (id: string) => (result && result.target === id ? result : undefined)
  return (
    <section aria-labelledby="domains-heading">
      <h2 id="domains-heading">Email domains</h2>
      <p className="muted">
        Only addresses on a verified domain sign in through your identity provider. To verify a domain, publish a TXT record at the name shown with the
        value shown, then choose Verify. A domain can be verified by one organization only.
      </p>
      {result && result.intent !== 'claim' && !domains.some((d) => d.id === result.target) ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      {domains.length === 0 ? (
        <p className="empty">No domains yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table-middle table-stack">
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Status</th>
                <th scope="col">TXT record</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {domains.map((d) => {
                const r = rowResult(d.id)
                return (
                  <tr key={d.id}>
                    <th scope="row" className="row-head">
                      {d.domain}
                    </th>
                    <td data-label="Status">
                      {d.verified ? (
                        <span className="badge badge-active">
                          verified {d.verifiedAt ? <LocalTime iso={d.verifiedAt} dateOnly /> : null}
                        </span>
                      ) : (
                        <span className="badge badge-paused">not verified</span>
                      )}
                      {r ? (
                        <p className={r.ok ? 'muted' : 'field-error'} role={r.ok ? 'status' : 'alert'}>
                          {r.message}
                        </p>
                      ) : null}
                    </td>
                    <td data-label="TXT record" className="sso-records">
                      {d.verified ? (
                        <span className="muted">—</span>
                      ) : (
                        <>
                          <code>{d.recordName}</code>
                          <code>{d.recordValue}</code>
                        </>
                      )}
                    </td>
                    <td>
                      <div className="inline-form">
                        {d.verified ? null : (
                          <Form method="post">
                            <input type="hidden" name="intent" value="verify" />
                            <input type="hidden" name="domainId" value={d.id} />
                            <button type="submit" className="button button-small" disabled={busy}>
                              Verify<span className="visually-hidden"> {d.domain}</span>
                            </button>
                          </Form>
                        )}
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!confirm(`Remove ${d.domain}? Its people can no longer sign in with SSO.`)) e.preventDefault()
                          }}
                        >
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="domainId" value={d.id} />
                          <button type="submit" className="button button-danger button-small" disabled={busy}>
                            Remove<span className="visually-hidden"> {d.domain}</span>
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {/* Keyed by the list, so the field empties once a domain is added. */}
      <Form key={domains.length} method="post" className="card inline-form sso-add-domain" noValidate aria-label="Add a domain">
        <input type="hidden" name="intent" value="claim" />
        <div className="field">
          <label htmlFor="domain">Domain</label>
          <input
            id="domain"
            name="domain"
            placeholder="example.com"
            defaultValue={result?.intent === 'claim' && !result.ok ? (result.values?.domain ?? '') : ''}
            aria-invalid={domainError ? true : undefined}
            aria-describedby={domainError ? 'domain-error' : undefined}
          />
          <FieldMessage id="domain-error" message={domainError} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Add domain
        </button>
      </Form>
    </section>
  )
}
