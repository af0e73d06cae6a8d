// The issuer's URL rule (issue 13, D6 in spirit): in production only https; plain http only to this machine's
// loopback, and only in development and tests (an in-process provider). No credentials or fragment in the URL.
// When the connectors' SSRF guard (private and metadata addresses after DNS) lands, it applies here as well.
export function issuerUrlProblem(raw: string, nodeEnv: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'Enter a full URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0'
  }
  if (url.username || url.password) return 'The issuer URL must not carry a user name or password'
  if (url.hash || url.search) return 'The issuer URL has no query or fragment'
  if (url.protocol === 'https:') return null
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost'
  if (url.protocol === 'http:' && loopback && nodeEnv !== 'production') return null
  return nodeEnv === 'production' ? 'The issuer URL must use https' : 'The issuer URL must use https (http only to 127.0.0.1 outside production)'
}
