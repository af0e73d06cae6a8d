import { AppError } from '../errors.ts'
import { wallTimeToInstant } from './zoned-time.ts'

interface Schedule {
  startLocal: string | null
  endLocal: string | null
  timezone: string
}

/**
 * The schedule columns after a change: wall-clock times and zone as given (or kept), and the instants derived
 * from them. End before start is refused naming the field.
 */
export function scheduleColumns(current: Schedule, changes: Partial<Schedule>): Schedule & { startsAt: Date | null; endsAt: Date | null } {
  const next = {
    startLocal: changes.startLocal !== undefined ? changes.startLocal : current.startLocal,
    endLocal: changes.endLocal !== undefined ? changes.endLocal : current.endLocal,
    timezone: changes.timezone ?? current.timezone,
  }
  const startsAt = next.startLocal ? wallTimeToInstant(next.startLocal, next.timezone) : null
  const endsAt = next.endLocal ? wallTimeToInstant(next.endLocal, next.timezone) : null
  if (startsAt && endsAt && endsAt <= startsAt) {
    throw new AppError('BAD_REQUEST', 'endLocal: the meeting must end after it starts', { fieldErrors: [{ field: 'endLocal', message: 'Must be after the start' }] })
  }
  if (!startsAt !== !endsAt) {
    const field = startsAt ? 'endLocal' : 'startLocal'
    throw new AppError('BAD_REQUEST', `${field}: give both a start and an end`, { fieldErrors: [{ field, message: 'Give both a start and an end' }] })
  }
  return { ...next, startsAt, endsAt }
}
