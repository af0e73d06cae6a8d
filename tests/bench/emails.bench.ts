// Mail throughput: `npx tsx tests/bench/emails.bench.ts` (or within `npm run bench`). Renders 1,000 messages (half
// SLA breach alerts, half QBR invitations with their .ics) from the React templates, and renders and hands the same
// 1,000 to a local SMTP listener (smtp-server on loopback, which drains the data without parsing) through the
// app's sender: one after another on the pooled connection, and 8 at a time. Baseline: rendering alone, in the
// same run. Target: every message accepted, and rendering plus sending keeps at least half the throughput of
// rendering alone (sending costs no more than rendering). Run with NODE_ENV=production to time React's
// production build, as the server runs.
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { SMTPServer } from 'smtp-server'
import { calendarInvite } from '../../emails/calendar.ts'
import { type EmailMessage, closeMail, configureMail, sendEmail } from '../../emails/send-email.server.ts'
import { qbrInvitationEmail } from '../../emails/templates/qbr-invitation.tsx'
import { slaBreachEmail } from '../../emails/templates/sla-breach.tsx'
import { report, runIfMain } from './lib.ts'

const COUNT = 1_000
const MIN_RATIO = 0.5
const APP = 'https://accord.example'

async function render(i: number): Promise<EmailMessage> {
  if (i % 2 === 0) {
    const r = await slaBreachEmail({
      partnershipName: 'Northwind Managed Services × Müller Präzisionsteile GmbH',
      timezone: 'Europe/Berlin',
      breach: { externalId: `INC-${i}`, title: `Ticket ${i}: VPN down at site ${i % 17}`, priority: i % 4 === 0 ? 'P1' : 'P2', metric: 'response', dueAt: new Date(Date.UTC(2026, 6, 1, 9, i % 60)), targetMinutes: 30, clock: '24x7', url: `${APP}/p/northwind-mueller/sla/tickets/INC-${i}` },
      appUrl: APP,
    })
    return { ...r, to: `user${i % 50}@client.example`, kind: 'SLA_BREACH' }
  }
  const startsAt = new Date(Date.UTC(2026, 8, 15, 14, 0) + i * 60_000)
  const endsAt = new Date(startsAt.getTime() + 90 * 60_000)
  const qbr = { title: `Q3 2026 QBR #${i}`, startsAt, endsAt, url: `${APP}/p/northwind-mueller/qbr/${i}` }
  const r = await qbrInvitationEmail({ method: 'REQUEST', sequence: 0, ...qbr, timezone: 'Europe/Berlin', location: 'Łódź, Room 2', organizerName: 'Alex Rivera', appUrl: APP })
  const ics = calendarInvite(
    { uid: `qbr-${i}@accord`, sequence: 0, ...qbr, organizer: { name: 'Alex Rivera', email: 'alex@northwind.example' }, attendees: [{ email: `user${i % 50}@client.example` }, { email: 'alex@northwind.example' }] },
    'REQUEST',
  )
  return { ...r, to: `user${i % 50}@client.example`, kind: 'QBR_INVITATION', calendar: { method: 'REQUEST', content: ics, filename: 'invite.ics' } }
}

async function listener() {
  let messages = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {})
      stream.on('end', () => {
        messages++
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { url: `smtp://127.0.0.1:${port}`, count: () => messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

export async function benchEmails(): Promise<boolean> {
  const smtp = await listener()
  await configureMail({ smtpUrl: smtp.url, from: 'Accord <accord@bench.example>' })
  try {
    // Warm-up: module loading, React's first render, the SMTP connection.
    for (let i = 0; i < 50; i++) await sendEmail(await render(i))

    const renderOnly = await timed(async () => {
      for (let i = 0; i < COUNT; i++) await render(i)
    })
    const before = smtp.count()
    const failures: string[] = []
    const sequential = await timed(async () => {
      for (let i = 0; i < COUNT; i++) {
        const result = await sendEmail(await render(i))
        if (result.status !== 'SENT') failures.push(result.status)
      }
    })
    const concurrent = await timed(async () => {
      for (let start = 0; start < COUNT; start += 8) {
        const results = await Promise.all(Array.from({ length: Math.min(8, COUNT - start) }, async (_, k) => sendEmail(await render(start + k))))
        for (const r of results) if (r.status !== 'SENT') failures.push(r.status)
      }
    })
    const delivered = smtp.count() - before
    const rate = (ms: number) => `${Math.round((COUNT / ms) * 1000).toLocaleString('en-US')} messages/s (${(ms / COUNT).toFixed(2)} ms each)`
    const overhead = (sequential - renderOnly) / COUNT
    return report(
      `Email: render + send ${COUNT.toLocaleString('en-US')} messages over SMTP (loopback listener)`,
      [
        ['baseline: render only', rate(renderOnly)],
        ['render + send, one at a time', rate(sequential)],
        ['render + send, 8 in flight', rate(concurrent)],
        ['send overhead per message', `${overhead.toFixed(2)} ms (React ${process.env.NODE_ENV === 'production' ? 'production' : 'development'} build)`],
        ['accepted by the listener', `${delivered.toLocaleString('en-US')} of ${(2 * COUNT).toLocaleString('en-US')}${failures.length ? `, ${failures.length} failed` : ''}`],
      ],
      {
        ok: failures.length === 0 && delivered === 2 * COUNT && renderOnly / sequential >= MIN_RATIO,
        text: `every message accepted; render + send at ${(renderOnly / sequential).toFixed(2)}× the render-only rate (target ≥ ${MIN_RATIO})`,
      },
    )
  } finally {
    await configureMail(null)
    await closeMail()
    await smtp.close()
  }
}

await runIfMain(import.meta.url, benchEmails)
