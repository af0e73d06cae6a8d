// `accord portfolio`: the MSP's portfolio, the same figures as /portfolio and portfolio.list.
import { unsafeOperatorOrgScope } from '../access/policy.server.ts'
import { listPortfolio } from '../portfolio/list-portfolio.server.ts'
import { portfolioCsv } from '../portfolio/portfolio-table.ts'
import type { PortfolioColumn } from '../portfolio/portfolio.schemas.ts'
import { UsageError, parseStrict } from './args.ts'
import { migrated } from './database.ts'

export async function portfolioCommand(args: string[]): Promise<string> {
  const { values } = parseStrict(args, { msp: 'string', quarter: 'string', 'as-of': 'string', owner: 'string', sort: 'string', desc: 'boolean', json: 'boolean', csv: 'boolean' })
  if (!values.msp) throw new UsageError('--msp is required')
  await migrated('accord portfolio')
  const portfolio = await listPortfolio(await unsafeOperatorOrgScope(String(values.msp)), {
    org: String(values.msp),
    quarter: values.quarter as string | undefined,
    asOf: values['as-of'] as string | undefined,
    owner: values.owner as string | undefined,
    sort: values.sort as PortfolioColumn | undefined,
    dir: values.desc ? 'desc' : 'asc',
  })
  if (values.json) return JSON.stringify(portfolio, null, 2)
  if (values.csv) return portfolioCsv(portfolio.rows).trimEnd()
  const figure = (x: number | null) => (x === null ? '   —  ' : `${x.toFixed(1).padStart(5)}%`)
  const lines = portfolio.rows.map(
    (r) => `${r.slug.padEnd(28)} resolution ${figure(r.attainment.now.resolution)} (was ${figure(r.attainment.prev.resolution)})  breaches ${r.breaches}  at risk ${r.atRisk}  QBR ${r.nextQbr.date.slice(0, 10)} ${r.nextQbr.state}`,
  )
  return [`${portfolio.msp.name}: ${portfolio.rows.length} partnership(s), ${portfolio.quarter} against ${portfolio.previousQuarter}, as of ${portfolio.asOf}`, ...lines].join('\n')
}
