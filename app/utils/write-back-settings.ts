// The connector form's write-back and asset-cost fields, read into the connection's settings (issue 16).

/** "laptop=1200, server = 8500.50" -> { laptop: 1200, server: 8500.5 }; a malformed part is passed on for zod to name. */
export function parseAssetCosts(value: FormDataEntryValue | null): Record<string, number> | undefined {
  const text = String(value ?? '').trim()
  if (!text) return undefined
  return Object.fromEntries(
    text
      .split(/[,\n]/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [type, cost] = p.split('=').map((s) => s.trim())
        return [type.toLowerCase(), cost !== undefined && /^\d+(\.\d+)?$/.test(cost) ? Number(cost) : Number.NaN]
      }),
  )
}

export function writeBackSettings(form: FormData) {
  const boards = String(form.get('writeBackBoards') ?? '')
    .split(/\n/)
    .map((b) => b.trim())
    .filter(Boolean)
  const currency = String(form.get('assetCurrency') ?? '').trim().toUpperCase()
  return {
    writeBack: { enabled: form.get('writeBack') === 'on', boards },
    assetCosts: parseAssetCosts(form.get('assetCosts')),
    ...(currency ? { assetCurrency: currency } : {}),
  }
}

export const formatAssetCosts = (costs: unknown) =>
  costs && typeof costs === 'object'
    ? Object.entries(costs as Record<string, number>)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')
    : ''
