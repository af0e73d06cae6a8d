import type { LoaderFunctionArgs } from '@remix-run/node'
import { portfolioCsv } from '../../server/portfolio/portfolio-table.ts'
import { orRespond, requireApi } from '~/api.server'
import { readPortfolioParams } from '~/components/portfolio/portfolio-params'

// /portfolio.csv?msp=…: the rows the page shows (same sort, filter and account manager), as CSV.
export async function loader({ request }: LoaderFunctionArgs) {
  const { caller } = await requireApi(request)
  const params = readPortfolioParams(new URL(request.url).searchParams)
  const org = params.msp ?? (await caller.me()).memberships.find((m) => m.org.kind === 'MSP')?.org.slug
  if (!org) return new Response('The portfolio is for MSP staff\n', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  const portfolio = await orRespond(caller.portfolio.list({ org, quarter: params.quarter, owner: params.owner, sort: params.sort, dir: params.dir, filters: params.filters }))
  return new Response(portfolioCsv(portfolio.rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="portfolio-${portfolio.msp.slug}-${portfolio.quarter}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
