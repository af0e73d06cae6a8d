import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { AssetUpload } from '~/components/assets/asset-upload'
import { ForecastTable } from '~/components/assets/forecast-table'
import { ASSET_CSV_COLUMNS } from '~/assets-csv.server'
import { describeError, orRespond, requireApi } from '~/api.server'
import { formatDate, money, num } from '~/utils/format'
import { useLocale } from '~/utils/locale'

export const meta: MetaFunction = () => [{ title: 'Assets · Accord' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caller, headers } = await requireApi(request)
  const slug = params.slug ?? ''
  const [p, forecast, list] = await Promise.all([
    orRespond(caller.partnership.get({ slug })),
    orRespond(caller.assets.forecast({ slug, quarters: 8 })),
    orRespond(caller.assets.list({ slug, limit: 200 })),
  ])
  return json({ slug, forecast, list, canPlan: p.permissions.includes('roadmap.edit'), canImport: p.permissions.includes('asset.write'), columns: [...ASSET_CSV_COLUMNS] as string[] }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { caller } = await requireApi(request)
  const form = await request.formData()
  const slug = params.slug ?? ''
  try {
    const item = await caller.assets.toRoadmap({ slug, quarter: String(form.get('quarter') ?? '') })
    return redirect(`/p/${slug}/roadmap/${item.id}`)
  } catch (error) {
    const e = describeError(error)
    return json({ message: e.message }, { status: e.status })
  }
}

export default function Assets() {
  const { slug, forecast, list, canPlan, canImport, columns } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const busy = useNavigation().state === 'submitting'
  const locale = useLocale()
  return (
    <div className="stack">
      <h1>Assets and their replacement</h1>
      <p className="muted">
        {num(list.total, 0, locale)} active assets, from CSV imports and the PSA’s configuration items (read on every sync). An asset is due in the quarter its warranty ends or its end of life comes, whichever is first;
        anything already past both is due now.{forecast.undated ? ` ${num(forecast.undated, 0, locale)} assets have neither date and are not forecast.` : ''}
      </p>
      {result?.message ? (
        <p role="alert" className="error">
          {result.message}
        </p>
      ) : null}
      <section aria-labelledby="forecast">
        <h2 id="forecast">Replacement forecast</h2>
        <ForecastTable quarters={forecast.quarters} locale={locale} canPlan={canPlan} busy={busy} />
      </section>
      <section aria-labelledby="asset-list">
        <h2 id="asset-list">Assets{list.total > list.assets.length ? ` (first ${num(list.assets.length, 0, locale)})` : ''}</h2>
        {list.assets.length === 0 ? (
          <p className="muted">No assets yet: import a CSV below, or connect the PSA.</p>
        ) : (
          <table className="table" aria-label="Assets by warranty end">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Model</th>
                <th scope="col">Serial</th>
                <th scope="col">User or site</th>
                <th scope="col">Purchased</th>
                <th scope="col">Warranty ends</th>
                <th scope="col">End of life</th>
                <th scope="col" className="num">
                  Replacement
                </th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {list.assets.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>{a.type}</td>
                  <td>{a.model}</td>
                  <td>{a.serial}</td>
                  <td>{[a.assignedUser, a.site].filter(Boolean).join(' · ')}</td>
                  <td>{formatDate(a.purchaseDate, locale)}</td>
                  <td>{formatDate(a.warrantyEnd, locale)}</td>
                  <td>{formatDate(a.endOfLife, locale)}</td>
                  <td className="num">{a.replacementCostCents ? money(a.replacementCostCents / 100, a.currency, locale) : '—'}</td>
                  <td>{a.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canImport ? <AssetUpload slug={slug} columns={columns} locale={locale} /> : null}
    </div>
  )
}
