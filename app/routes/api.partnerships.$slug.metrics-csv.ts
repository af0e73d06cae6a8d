import type { ActionFunctionArgs } from '@remix-run/node'
import { importMetricsCsvResponse } from '~/api.server'

// POST a CSV of metric samples as the body (`metric,at,value[,source]`; Authorization: Bearer for machine
// clients); the answer is {"summary":{rows,inserted,updated,unchanged,metrics,…}} or a 400 naming each bad line.
export const action = ({ request, params }: ActionFunctionArgs) => importMetricsCsvResponse(request, params.slug ?? '')
