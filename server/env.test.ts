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

describe('production defaults (issue 13 §5)', () => {
  const key = Buffer.alloc(32, 7).toString('base64')
  it('listen on loopback unless HOST says otherwise', () => {
    expect(parseEnv({}).HOST).toBe('127.0.0.1')
    expect(parseEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0')
  })
  it('seed the demo outside production by default, and in production only when DEMO_SEED=true is set', () => {
    expect(parseEnv({}).DEMO_SEED).toBe(true)
    expect(parseEnv({ NODE_ENV: 'production', DEMO_SEED: 'true' }).DEMO_SEED).toBe(true)
    expect(parseEnv({ NODE_ENV: 'production', APP_URL: 'https://accord.example.com', CONNECTOR_SECRET_KEY: key }).DEMO_SEED).toBe(false)
  })
  it('require APP_URL and CONNECTOR_SECRET_KEY in production without the demo', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/APP_URL: required in production[\s\S]*CONNECTOR_SECRET_KEY: required in production/)
  })
  it('DEMO_SEED accepts only true or false', () => {
    expect(() => parseEnv({ DEMO_SEED: 'yes' })).toThrow(/DEMO_SEED/)
  })
})
