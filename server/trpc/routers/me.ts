import { ZMe, getMe } from '../../users/get-me.server.ts'
import { authedProcedure } from '../init.ts'

export const meProcedure = authedProcedure.output(ZMe).query(({ ctx }) => getMe(ctx.user.id))
