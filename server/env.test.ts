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

describe('TRUST_PROXY (issue 13, D11)', () => {
  it('is off by default, a hop count when a number, a list of proxy addresses otherwise', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false)
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1)
    expect(parseEnv({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).TRUST_PROXY).toEqual(['10.0.0.1', '10.0.0.0/8'])
  })
  it('refuses `true`, which would trust the left-most X-Forwarded-For a client writes', () => {
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be a hop count/)
  })
})
