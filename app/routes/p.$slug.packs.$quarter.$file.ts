import type { LoaderFunctionArgs } from '@remix-run/node'
import { packFileResponse } from '~/api.server'

// /p/:slug/packs/2026-Q3/v2.pdf: a frozen pack exactly as stored; v2.pptx: the same version as an editable deck.
export const loader = ({ request, params }: LoaderFunctionArgs) => packFileResponse(request, params.slug ?? '', params.quarter ?? '', params.file ?? '')
