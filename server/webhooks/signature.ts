import { createHmac, timingSafeEqual } from 'node:crypto'

// The signature of a delivery, as common providers sign theirs: HMAC-SHA256 with the endpoint's secret over
// `<timestamp>.<body>`, sent as `Accord-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a
// receiver that refuses old timestamps (5 minutes is usual) is safe from replays. Pure: the receiver's check is
// the same code, used by the tests.
export const SIGNATURE_HEADER = 'Accord-Signature'

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`
}

/** What a receiver does: true when a v1 signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifySignature(secret: string, header: string | null, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  if (!header) return false
  const parts = header.split(',').map((p) => p.trim().split('='))
  const t = Number(parts.find(([k]) => k === 't')?.[1])
  if (!Number.isInteger(t) || Math.abs(now / 1000 - t) > toleranceSeconds) return false
  const expected = Buffer.from(signPayload(secret, t, body), 'hex')
  return parts
    .filter(([k]) => k === 'v1')
    .some(([, v]) => {
      const given = Buffer.from(v ?? '', 'hex')
      return given.length === expected.length && timingSafeEqual(given, expected)
    })
}
