import { describe, expect, it } from 'vitest'
import { signatureHeader, signPayload, verifySignature } from './signature.ts'

describe('webhook signatures', () => {
  const secret = 'whsec_test'
  const body = '{"type":"pack.frozen"}'
  const now = 1_800_000_000_000
  const t = now / 1000

  it('is HMAC-SHA256 of "<t>.<body>" in hex, as the header t=…,v1=…', () => {
    expect(signPayload(secret, t, body)).toMatch(/^[0-9a-f]{64}$/)
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${signPayload(secret, t, body)}`)
  })

  it('verifies the body, the secret and the timestamp together', () => {
    const header = signatureHeader(secret, t, body)
    expect(verifySignature(secret, header, body, now)).toBe(true)
    expect(verifySignature('whsec_other', header, body, now)).toBe(false)
    expect(verifySignature(secret, header, `${body} `, now)).toBe(false)
    expect(verifySignature(secret, header.replace(`t=${t}`, `t=${t + 1}`), body, now)).toBe(false)
    expect(verifySignature(secret, header, body, now + 301_000)).toBe(false)
    expect(verifySignature(secret, null, body, now)).toBe(false)
  })
})
