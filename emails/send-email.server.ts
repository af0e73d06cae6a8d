import type { Transporter } from 'nodemailer'
import { db } from '../server/db/client.server.ts'
import { env } from '../server/env.server.ts'
import { logger } from '../server/observability/logger.server.ts'
import { metrics } from '../server/observability/metrics.server.ts'
import type { NotificationKind } from '../server/notifications/notification-kinds.ts'

export interface EmailAttachment {
  filename: string
  content: string | Buffer
  contentType: string
}

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html: string
  kind: NotificationKind
  attachments?: EmailAttachment[]
  /** An iCalendar invitation (METHOD:REQUEST or CANCEL), sent as the text/calendar alternative mail clients act on. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string }
  /** What the message is about, so an organization's admin sees only its own mail in the outbox. */
  context?: { organizationId?: string; partnershipId?: string }
}

export type SendResult = { status: 'SENT'; messageId: string } | { status: 'OUTBOX'; id: string } | { status: 'FAILED'; error: string }

interface MailConfig {
  smtpUrl: string | undefined
  from: string
}

// One sender per process. The Remix server build bundles its own copy of this module, so the configuration and
// the pooled connection live on globalThis: the HTTP server, the bundled routes and the tests share them.
const KEY = Symbol.for('accord.mail')
type State = { override: MailConfig | null; transport: { url: string; transporter: Transporter } | null }
const holder = globalThis as { [KEY]?: State }
function state(): State {
  holder[KEY] ??= { override: null, transport: null }
  return holder[KEY]
}

function config(): MailConfig {
  return state().override ?? { smtpUrl: env().SMTP_URL, from: env().MAIL_FROM }
}

/**
 * Points the sender at another SMTP server (or at the outbox with `smtpUrl: undefined`) without restarting: the
 * tests and the benchmark start their own listener on an ephemeral port. `null` returns to the environment's.
 */
export async function configureMail(next: Partial<MailConfig> | null): Promise<void> {
  state().override = next ? { smtpUrl: next.smtpUrl, from: next.from ?? env().MAIL_FROM } : null
  await closeMail()
}

export async function closeMail(): Promise<void> {
  const s = state()
  s.transport?.transporter.close()
  s.transport = null
}

async function transporterFor(url: string): Promise<Transporter> {
  const s = state()
  if (s.transport?.url !== url) {
    // Loaded on first use, so processes that only keep mail in the outbox never load the SMTP stack.
    const { default: nodemailer } = await import('nodemailer')
    if (s.transport?.url === url) return s.transport.transporter
    s.transport?.transporter.close()
    // A pooled connection: a burst of alerts reuses one SMTP session instead of a handshake per message. Short
    // timeouts, because a caller waits for the hand-off (it never throws, but it should not hang a request).
    s.transport = {
      url,
      transporter: nodemailer.createTransport({ url, pool: true, maxConnections: 2, maxMessages: 1_000, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    }
  }
  return s.transport.transporter
}

const attachmentMeta = (m: EmailMessage) => [
  ...(m.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content) })),
  ...(m.calendar ? [{ filename: m.calendar.filename, contentType: `text/calendar; method=${m.calendar.method}`, size: Buffer.byteLength(m.calendar.content) }] : []),
]

async function record(m: EmailMessage, status: 'OUTBOX' | 'FAILED', error?: string) {
  return (await db()).outboxMessage.create({
    data: {
      kind: m.kind,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      attachments: attachmentMeta(m),
      status,
      error: error ?? null,
      organizationId: m.context?.organizationId ?? null,
      partnershipId: m.context?.partnershipId ?? null,
    },
  })
}

/**
 * Hands one message to SMTP (SMTP_URL), or with no SMTP configured keeps it in the development outbox. Never
 * throws: a failure is logged and recorded in the outbox table as FAILED, so a mail problem cannot fail the
 * user's request. Call it after the transaction that decided to send has committed, never inside it.
 */
export async function sendEmail(message: EmailMessage): Promise<SendResult> {
  const { smtpUrl, from } = config()
  try {
    if (!smtpUrl) {
      const row = await record(message, 'OUTBOX')
      metrics().mails.inc({ status: 'outbox' })
      logger().debug({ kind: message.kind, status: 'OUTBOX' }, `mail kept in the outbox: ${message.subject}`)
      return { status: 'OUTBOX', id: row.id }
    }
    const info = await (await transporterFor(smtpUrl)).sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: [
        ...(message.attachments ?? []).map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        // The same calendar object as a file too: clients that ignore the alternative still offer it to open.
        ...(message.calendar
          ? [{ filename: message.calendar.filename, content: message.calendar.content, contentType: `application/ics; method=${message.calendar.method}` }]
          : []),
      ],
      ...(message.calendar ? { icalEvent: { method: message.calendar.method, content: message.calendar.content, filename: message.calendar.filename } } : {}),
    })
    metrics().mails.inc({ status: 'sent' })
    return { status: 'SENT', messageId: String(info.messageId) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    metrics().mails.inc({ status: 'failed' })
    logger().warn(`[mail] could not send "${message.subject}" to ${message.to}: ${reason}`)
    try {
      await record(message, 'FAILED', reason)
    } catch (recordError) {
      logger().warn(`[mail] and could not record the failure: ${recordError instanceof Error ? recordError.message : String(recordError)}`)
    }
    return { status: 'FAILED', error: reason }
  }
}

/** Sends several messages one after another (they share the pooled connection); never throws. */
export async function sendEmails(messages: readonly EmailMessage[]): Promise<SendResult[]> {
  const results: SendResult[] = []
  for (const m of messages) results.push(await sendEmail(m))
  return results
}
