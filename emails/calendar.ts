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
 * The `ics` package escapes text; its line folding counts characters, so lines are folded again here by octets.
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
  return foldLines(value)
}

/**
 * RFC 5545 3.1: content lines are at most 75 octets, continued after CRLF and one space. Folds between code
 * points, never inside a UTF-8 sequence (an "ü" split in two is what breaks names like Müller in some clients).
 */
export function foldLines(ics: string): string {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n')
  const out: string[] = []
  for (const line of lines) {
    let current = ''
    let octets = 0
    let limit = 75
    for (const ch of line) {
      const size = Buffer.byteLength(ch)
      if (octets + size > limit) {
        out.push(current)
        current = ' '
        octets = 1
        limit = 75
      }
      current += ch
      octets += size
    }
    out.push(current)
  }
  return out.join('\r\n')
}
