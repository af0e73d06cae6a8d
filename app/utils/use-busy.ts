import { useNavigation } from '@remix-run/react'

/**
 * True while a form is submitting *and* while the page reloads its data after it: the action's notice shows during
 * that reload, but the forms still carry the versions read before it. A second submission then was refused as
 * a conflict with the user's own change (seen on the QBR agenda: add an item, then move one at once).
 */
export function useBusy(): boolean {
  return useNavigation().state !== 'idle'
}
