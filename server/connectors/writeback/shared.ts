// What the three write-back modules share: reading a vendor's refusal as one clear message.
import type { PsaResponse } from '../http.ts'
import { isObject } from '../record.ts'
import { ConnectorError } from '../types.ts'

export interface WriterIo {
  base(): Promise<string>
  request(url: string, init: { what: string; method?: 'GET' | 'POST'; body?: unknown; once?: boolean }): Promise<PsaResponse>
}

async function bodyOf(response: PsaResponse): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** The vendor's validation messages, each at most 300 characters, at most five. */
export function validationMessages(body: unknown): string[] {
  const out: string[] = []
  const push = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push(v.trim().slice(0, 300))
  }
  if (typeof body === 'string') push(body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' '))
  else if (isObject(body)) {
    // ConnectWise: { code, message, errors: [{ code, message, field }] }; Autotask: { errors: ["..."] };
    // Halo: a message in `message`/`Message` (unconfirmed).
    if (Array.isArray(body.errors)) {
      for (const e of body.errors) {
        if (typeof e === 'string') push(e)
        else if (isObject(e)) push(typeof e.field === 'string' && typeof e.message === 'string' ? `${e.field}: ${e.message}` : e.message)
      }
    }
    if (!out.length) push(body.message ?? body.Message ?? body.error_description ?? body.error)
  }
  return out.slice(0, 5)
}

/** A refused create as VALIDATION with the PSA's words; 401/403 as AUTH; other statuses as HTTP. */
export async function refusal(response: PsaResponse, what: string, hint: string): Promise<ConnectorError> {
  if (response.status === 401 || response.status === 403) return new ConnectorError('AUTH', `${what}: the PSA refused the credentials (HTTP ${response.status}); ${hint}`, response.status)
  const messages = validationMessages(await bodyOf(response))
  if ((response.status >= 400 && response.status < 500) || messages.length) {
    return new ConnectorError('VALIDATION', `${what}: the PSA refused the ticket (HTTP ${response.status})${messages.length ? `: ${messages.join('; ')}` : ''}`, response.status)
  }
  return new ConnectorError('HTTP', `${what}: HTTP ${response.status} from the PSA`, response.status)
}

export async function okJson(response: PsaResponse, what: string, hint: string): Promise<unknown> {
  if (!response.ok) throw await refusal(response, what, hint)
  const body = await bodyOf(response)
  if (typeof body === 'string') throw new ConnectorError('MALFORMED_PAGE', `${what}: the answer is not JSON (HTTP ${response.status} from the PSA)`)
  return body
}

export const REFERENCE_LINE = (reference: string) => `Accord reference: ${reference}`
