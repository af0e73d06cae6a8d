/**
 * The API token of an `Authorization: Bearer <token>` header, or null. One parser for both the CSRF check and
 * `authenticate`: a request this accepts is authenticated by the token alone (its cookie is never read), so it
 * may skip the Origin check; any other Authorization header leaves the request to its cookie, and to the check.
 */
export function parseBearer(header: string | null | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i)
  return match ? match[1] : null
}
