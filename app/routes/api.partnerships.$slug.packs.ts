import type { ActionFunctionArgs } from '@remix-run/node'
import { generatePackResponse } from '~/api.server'

// POST {"quarter":"2026-Q3","asOf"?:ISO} (session or Authorization: Bearer): generates and freezes a pack version;
// the answer streams NDJSON {"progress":{stage,done,total}} lines, then {"version":{…}} or {"error":{…}}.
export const action = ({ request, params }: ActionFunctionArgs) => generatePackResponse(request, params.slug ?? '')
