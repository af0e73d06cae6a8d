import { describe, expect, it } from 'vitest'
import { calendarInvite } from './calendar.ts'

const event = {
  uid: 'qbr-7f3a@accord',
  sequence: 0,
  title: 'Q3 2026 QBR: Northwind × Müller Präzisionsteile GmbH; agenda, minutes and the pack, all in one long title',
  description: 'First line\nSecond; with, punctuation',
  startsAt: new Date('2026-09-15T14:00:00Z'),
  endsAt: new Date('2026-09-15T15:30:00Z'),
  location: 'Room 4, Building B',
  url: 'https://accord.example/p/northwind-contoso/qbr/1',
  organizer: { name: 'Alex Rivera', email: 'alex@northwind.example' },
  attendees: [{ name: 'Casey Morgan', email: 'casey@contoso.example' }, { email: 'guest@example.org' }],
}

/** RFC 5545 3.1: a folded line continues on the next line after one space or tab. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

describe('calendarInvite', () => {
  it('writes a REQUEST with UID, SEQUENCE, UTC times, organizer and attendees, CRLF lines of at most 75 octets', () => {
    const ics = calendarInvite(event, 'REQUEST')
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
    expect(ics).not.toMatch(/[^\r]\n/)
    const lines = unfold(ics).split('\r\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:qbr-7f3a@accord',
        'SEQUENCE:0',
        'DTSTART:20260915T140000Z',
        'DTEND:20260915T153000Z',
        'STATUS:CONFIRMED',
        // Text values escape ; , and newlines (RFC 5545 3.3.11).
        'SUMMARY:Q3 2026 QBR: Northwind × Müller Präzisionsteile GmbH\\; agenda\\, minutes and the pack\\, all in one long title',
        'DESCRIPTION:First line\\nSecond\\; with\\, punctuation',
        'LOCATION:Room 4\\, Building B',
      ]),
    )
    expect(lines.find((l) => l.startsWith('ORGANIZER'))).toMatch(/CN="Alex Rivera":MAILTO:alex@northwind\.example$/i)
    const attendees = lines.filter((l) => l.startsWith('ATTENDEE'))
    expect(attendees).toHaveLength(2)
    expect(attendees[0]).toMatch(/RSVP=TRUE.*CN="Casey Morgan":mailto:casey@contoso\.example$/)
    expect(attendees[1]).toMatch(/CN="guest@example\.org":mailto:guest@example\.org$/)
  })

  it('an update keeps the UID with a higher SEQUENCE; a cancellation is METHOD:CANCEL with STATUS:CANCELLED', () => {
    const update = unfold(calendarInvite({ ...event, sequence: 1, startsAt: new Date('2026-09-16T14:00:00Z'), endsAt: new Date('2026-09-16T15:00:00Z') }, 'REQUEST'))
    expect(update).toContain('UID:qbr-7f3a@accord\r\n')
    expect(update).toContain('SEQUENCE:1\r\n')
    expect(update).toContain('DTSTART:20260916T140000Z\r\n')
    const cancel = unfold(calendarInvite({ ...event, sequence: 2 }, 'CANCEL'))
    expect(cancel).toContain('METHOD:CANCEL\r\n')
    expect(cancel).toContain('STATUS:CANCELLED\r\n')
    expect(cancel).toContain('SEQUENCE:2\r\n')
    expect(cancel).toMatch(/RSVP=FALSE/)
  })
})
