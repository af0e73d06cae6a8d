import { openApiDocument } from '~/api.server'

// The OpenAPI 3.1 description of /api/trpc, generated from the procedures themselves (ADR 028). Public: it holds
// no one's data, and an integrator reads it before having a token.
export const loader = () =>
  new Response(JSON.stringify(openApiDocument()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  })
