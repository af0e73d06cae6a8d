import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { env } from '../env.server.ts'

// Public and fixed, so development and tests need no setup; production refuses to start without a real key
// (server/env.server.ts), except the local embedded demo, which says so at boot.
const DEVELOPMENT_KEY = Buffer.from('accord-development-key-not-secret!!'.slice(0, 32), 'utf8')

export function usingDevelopmentKey(): boolean {
  return !env().CONNECTOR_SECRET_KEY
}

function key(): Buffer {
  const configured = env().CONNECTOR_SECRET_KEY
  return configured ? Buffer.from(configured, 'base64') : DEVELOPMENT_KEY
}

/** AES-256-GCM with a random 96-bit nonce: `v1.<nonce>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(plain: unknown, aad: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key(), iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()])
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
}

/** The `aad` binds a ciphertext to its row: credentials copied to another partnership's row do not decrypt. */
export function openSecret<T>(sealed: string, aad: string): T {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('stored credentials are not in a known format')
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  try {
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')) as T
  } catch {
    throw new Error('stored credentials cannot be decrypted: was CONNECTOR_SECRET_KEY changed?')
  }
}
