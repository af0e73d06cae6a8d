import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server.ts'

describe('mail settings in the environment', () => {
  it('default to the outbox and a local sender', () => {
    const env = parseEnv({})
    expect(env.SMTP_URL).toBeUndefined()
    expect(env.MAIL_FROM).toBe('Accord <accord@localhost>')
  })
  it('accept smtp:// and smtps:// URLs and a named sender', () => {
    expect(parseEnv({ SMTP_URL: 'smtps://user:secret@mail.example.com:465', MAIL_FROM: 'Accord <noreply@example.com>' })).toMatchObject({
      SMTP_URL: 'smtps://user:secret@mail.example.com:465',
      MAIL_FROM: 'Accord <noreply@example.com>',
    })
  })
  it('stop with a message naming the variable otherwise', () => {
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//)
    expect(() => parseEnv({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM: must be an address/)
  })
})
