import { describe, expect, it } from 'vitest'
import { parseEnv } from '../env.server.ts'
import { openSecret, sealSecret } from './secret-box.server.ts'

describe('credentials at rest', () => {
  it('seal with AES-256-GCM, bound to their row: another row, or a tampered byte, does not open', () => {
    const sealed = sealSecret({ privateKey: 'p' }, 'psa:a:connectwise')
    expect(sealed).not.toContain('"p"')
    expect(sealSecret({ privateKey: 'p' }, 'psa:a:connectwise')).not.toBe(sealed) // a fresh nonce each time
    expect(openSecret(sealed, 'psa:a:connectwise')).toEqual({ privateKey: 'p' })
    expect(() => openSecret(sealed, 'psa:b:connectwise')).toThrow('cannot be decrypted')
    const [v, iv, tag, body] = sealed.split('.')
    const flipped = Buffer.from(body, 'base64url')
    flipped[0] ^= 1
    expect(() => openSecret([v, iv, tag, flipped.toString('base64url')].join('.'), 'psa:a:connectwise')).toThrow('cannot be decrypted')
  })

  it('the key: required in production, 32 bytes; the embedded demo may use the development key', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/accord' })).toThrow(/CONNECTOR_SECRET_KEY: required in production/)
    expect(() => parseEnv({ NODE_ENV: 'production', DEMO_SEED: 'false' })).toThrow(/CONNECTOR_SECRET_KEY: required in production/)
    expect(() => parseEnv({ CONNECTOR_SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/CONNECTOR_SECRET_KEY: must be 32 bytes/)
    expect(parseEnv({ NODE_ENV: 'production', DEMO_SEED: 'true' }).CONNECTOR_SECRET_KEY).toBeUndefined() // `npm start`: embedded demo
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/CONNECTOR_SECRET_KEY: required in production/) // no demo unless told
    expect(parseEnv({ NODE_ENV: 'production', APP_URL: 'https://accord.example.com', DATABASE_URL: 'postgres://db/accord', CONNECTOR_SECRET_KEY: Buffer.alloc(32, 7).toString('base64') }).CONNECTOR_SECRET_KEY).toBeDefined()
  })
})
