import type { ActionFunctionArgs } from '@remix-run/node'
import { importCsvResponse } from '~/api.server'

// POST a CSV of tickets as the body (Authorization: Bearer for machine clients); the answer streams NDJSON:
// {"progress":{rows,bytes}} lines, then {"summary":{inserted,updated,unchanged,rejected,errors,…}}.
export const action = ({ request, params }: ActionFunctionArgs) => importCsvResponse(request, params.slug ?? '')
