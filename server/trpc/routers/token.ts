import { z } from 'zod'
import { ZApiToken, ZCreateApiTokenInput, ZCreatedApiToken, ZRevokeApiTokenInput } from '../../tokens/api-tokens.schemas.ts'
import { createApiToken } from '../../tokens/create-api-token.server.ts'
import { listApiTokens } from '../../tokens/list-api-tokens.server.ts'
import { revokeApiToken } from '../../tokens/revoke-api-token.server.ts'
import { authedProcedure, router } from '../init.ts'

// A user's own API tokens: scoped by the caller's user id in every query.
export const tokenRouter = router({
  list: authedProcedure.output(z.array(ZApiToken)).query(({ ctx }) => listApiTokens(ctx.user.id)),
  create: authedProcedure.input(ZCreateApiTokenInput).output(ZCreatedApiToken).mutation(({ ctx, input }) => createApiToken(ctx.actor, input)),
  revoke: authedProcedure.input(ZRevokeApiTokenInput).mutation(({ ctx, input }) => revokeApiToken(ctx.actor, input)),
})
