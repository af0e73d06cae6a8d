import { type EventAttributes, createEvent } from 'ics'

export interface CalendarEvent {
  /** Stable for the life of the meeting: an update or a cancellation must carry the invitation's UID. */
  uid: string
  /** 0 for the first invitation; every reschedule or cancellation sends a higher one. */
  sequence: number
  title: string
  description?: string
  startsAt: Date
  endsAt: Date
  location?: string | null
  url?: string | null
  organizer: { name: string; email: string }
  attendees: Array<{ name?: string | null; email: string }>
}

/**
 * An iCalendar object (RFC 5545) for one meeting. REQUEST invites or updates (same UID, higher SEQUENCE);
 * CANCEL withdraws it. Times are written in UTC (DTSTART:…Z), which every client places in its own zone.
 * The `ics` package folds long lines and escapes text.
 */
export function calendarInvite(event: CalendarEvent, method: 'REQUEST' | 'CANCEL'): string {
  const utc = (d: Date): [number, number, number, number, number] => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()]
  const attributes: EventAttributes = {
    productId: 'accord/qbr',
    method,
    uid: event.uid,
    sequence: event.sequence,
    title: event.title,
    description: event.description,
    start: utc(event.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(event.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(event.location ? { location: event.location } : {}),
    ...(event.url ? { url: event.url } : {}),
    status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    organizer: { name: event.organizer.name, email: event.organizer.email },
    attendees: event.attendees.map((a) => ({
      name: a.name || a.email,
      email: a.email,
      rsvp: method === 'REQUEST',
      partstat: 'NEEDS-ACTION',
      role: 'REQ-PARTICIPANT',
    })),
  }
  const { error, value } = createEvent(attributes)
  if (error || !value) throw error ?? new Error('ics: no calendar produced')
  return value
}
