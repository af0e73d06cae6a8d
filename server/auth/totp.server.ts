import { createHash, randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import { openSecret, sealSecret } from '../connectors/secret-box.server.ts'

// RFC 6238 with the parameters every authenticator app supports: SHA-1, 6 digits, 30-second steps, 160-bit
// secrets. One step either side is accepted for clock drift; the step a code was accepted at is remembered by
// the caller, so the same code (or an older one) is refused afterwards (ADR 017).
const PERIOD_S = 30
const WINDOW = 1
export const TOTP_ISSUER = 'Accord'

function totp(secretBase32: string, label: string) {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD_S, secret: Secret.fromBase32(secretBase32) })
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The secret at rest: AES-256-GCM under CONNECTOR_SECRET_KEY, bound to its user (a copied row does not open). */
export const sealTotpSecret = (userId: string, secret: string) => sealSecret(secret, `totp:${userId}`)
export const openTotpSecret = (userId: string, sealed: string) => openSecret<string>(sealed, `totp:${userId}`)

export function otpauthUri(secret: string, email: string): string {
  return totp(secret, email).toString()
}

export async function qrCodeSvg(text: string): Promise<string> {
  // Loaded on first use: only the enrolment page draws one.
  const QRCode = (await import('qrcode')).default
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}

/** The 30-second step of a code that matches within the window, or null. */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret, 'check').validate({ token: code, timestamp: now.getTime(), window: WINDOW })
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta
}

/** The current code (tests, and nothing else). */
export function totpCodeAt(secret: string, at: Date): string {
  return totp(secret, 'check').generate({ timestamp: at.getTime() })
}

// Recovery codes: 80 random bits in base32 (16 characters, shown in groups of four). A random secret of that size
// needs no slow hash: SHA-256 at rest, looked up by hash.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
export const RECOVERY_CODE_COUNT = 10

export function newRecoveryCode(): string {
  const bytes = randomBytes(16)
  const chars = Array.from(bytes, (b) => BASE32[b & 31]).join('')
  return chars.match(/.{4}/g)!.join('-')
}

/** The stored form of a recovery code as typed (dashes, spaces and case forgiven). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(`accord-recovery:${code.replace(/[\s-]+/g, '').toLowerCase()}`).digest('hex')
}
