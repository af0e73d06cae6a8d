import type { LoaderFunctionArgs } from '@remix-run/node'
import { packPdfResponse } from '~/api.server'

// /p/:slug/packs/2026-Q3/v2.pdf: a frozen pack exactly as stored.
export const loader = ({ request, params }: LoaderFunctionArgs) => packPdfResponse(request, params.slug ?? '', params.quarter ?? '', params.file ?? '')
