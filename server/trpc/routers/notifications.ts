import { getNotificationPreferences, setNotificationPreferences } from '../../notifications/preferences.server.ts'
import { ZNotificationPreferences, ZSetNotificationPreferencesInput } from '../../notifications/notifications.schemas.ts'
import { authedProcedure, router } from '../init.ts'

// User-scoped: a user reads and sets only their own choices (the id comes from the session, never the input).
export const notificationsRouter = router({
  preferences: authedProcedure.output(ZNotificationPreferences).query(({ ctx }) => getNotificationPreferences(ctx.user.id)),
  setPreferences: authedProcedure
    .input(ZSetNotificationPreferencesInput)
    .output(ZNotificationPreferences)
    .mutation(({ ctx, input }) => setNotificationPreferences(ctx.user.id, input)),
})
