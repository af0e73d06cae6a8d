import type { ActionFunctionArgs } from '@remix-run/node'
import { importAssetsCsvResponse } from '~/assets-csv.server'

// POST a CSV of assets as the body (Authorization: Bearer for machine clients); the answer is
// {"summary":{inserted,updated,unchanged,rejected,errors}} or {"error":{status,message,fieldErrors}}.
export const action = ({ request, params }: ActionFunctionArgs) => importAssetsCsvResponse(request, params.slug ?? '')
