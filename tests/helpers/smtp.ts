import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Received {
  /** The envelope recipients (RCPT TO), which is who the mail really went to. */
  rcpt: string[]
  raw: string
  mail: ParsedMail
}

export interface SmtpListener {
  url: string
  received: Received[]
  /** Resolves once `count` messages have arrived in all (fails after `ms`). */
  waitFor(count: number, ms?: number): Promise<Received[]>
  close(): Promise<void>
}

/** A real SMTP server on an ephemeral loopback port that keeps and parses everything it is sent. */
export async function startSmtpListener(options: { reject?: (rcpt: string) => boolean } = {}): Promise<SmtpListener> {
  const received: Received[] = []
  const waiters = new Set<() => void>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw, mail: await simpleParser(raw) })
        for (const w of waiters) w()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check)
            clearTimeout(timer)
            resolve(received.slice(0, count))
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`expected ${count} message(s), got ${received.length}`))
        }, ms)
        waiters.add(check)
        check()
      })
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
