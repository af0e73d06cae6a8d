import { createHash, randomBytes } from 'node:crypto'

// `acc_<32 random bytes, base64url>`: the prefix makes a leaked token recognisable to secret scanners; only its
// SHA-256 is stored (a random 256-bit secret needs no slow hash).
export function generateApiToken(): { token: string; prefix: string; hash: string } {
  const token = `acc_${randomBytes(32).toString('base64url')}`
  return { token, prefix: token.slice(0, 12), hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
