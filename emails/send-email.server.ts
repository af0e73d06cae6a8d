import fs from 'node:fs/promises'
import path from 'node:path'
import { env } from '../server/env.server.ts'

export interface EmailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

// Until SMTP delivery lands, every message goes to the development outbox: one JSON line per message in
// OUTBOX_PATH (default data/outbox.log), and a line on the server log naming the recipient and subject.
export async function sendEmail(message: EmailMessage): Promise<void> {
  const file = path.resolve(env().OUTBOX_PATH)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.appendFile(file, JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n')
  if (env().NODE_ENV !== 'test') console.log(`[outbox] to ${message.to}: ${message.subject} (${file})`)
}
