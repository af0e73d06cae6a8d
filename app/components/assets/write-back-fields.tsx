import { FieldMessage } from '~/components/forms'
import { formatAssetCosts } from '~/utils/write-back-settings'

interface Settings {
  writeBack?: { enabled?: boolean; boards?: string[] }
  assetCosts?: Record<string, number>
  assetCurrency?: string
}

/** The connector form's part for issue 16: write-back (opt-in, boards offered) and replacement costs by asset type. */
export function WriteBackFields({ settings, err }: { settings: Settings; err: (field: string) => string | undefined }) {
  return (
    <fieldset className="field">
      <legend>Assets and write-back</legend>
      <div className="field">
        <label>
          <input type="checkbox" name="writeBack" defaultChecked={settings.writeBack?.enabled ?? false} /> Let account managers send approved roadmap items and QBR action items to the PSA as tickets
        </label>
      </div>
      <div className="field">
        <label htmlFor="writeBackBoards">Boards or queues to offer, one per line as id:name (e.g. 1:Service Desk)</label>
        <textarea id="writeBackBoards" name="writeBackBoards" rows={3} defaultValue={(settings.writeBack?.boards ?? []).join('\n')} aria-describedby="writeBackBoards-error" />
        <FieldMessage id="writeBackBoards-error" message={err('settings.writeBack.boards')} />
      </div>
      <div className="field">
        <label htmlFor="assetCosts">Replacement cost by asset type for the PSA’s configuration items (e.g. laptop=1200, server=8500)</label>
        <input id="assetCosts" name="assetCosts" defaultValue={formatAssetCosts(settings.assetCosts)} aria-describedby="assetCosts-error" />
        <FieldMessage id="assetCosts-error" message={err('settings.assetCosts')} />
      </div>
      <div className="field">
        <label htmlFor="assetCurrency">Currency of those costs</label>
        <input id="assetCurrency" name="assetCurrency" maxLength={3} defaultValue={settings.assetCurrency ?? 'USD'} aria-describedby="assetCurrency-error" />
        <FieldMessage id="assetCurrency-error" message={err('settings.assetCurrency')} />
      </div>
    </fieldset>
  )
}
