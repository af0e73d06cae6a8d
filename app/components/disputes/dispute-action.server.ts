import { json } from '@remix-run/node'
import { describeError, requireApi } from '~/api.server'
import type { FieldErrorLike } from '~/components/forms'

// The ticket page's dispute forms post here (intent raise-dispute / accept-dispute / reject-dispute): each calls the
// same `disputes` procedure as the API, so validation, the access policy and the version check are the API's.
export type DisputeIntent = 'raise-dispute' | 'accept-dispute' | 'reject-dispute'
export const DISPUTE_INTENTS: readonly string[] = ['raise-dispute', 'accept-dispute', 'reject-dispute']

const text = (form: FormData, name: string) => {
  const v = form.get(name)
  return typeof v === 'string' ? v : undefined
}
const none: FieldErrorLike[] = []
const version = (form: FormData) => {
  const v = text(form, 'baseVersion')
  return v === undefined || v === '' ? undefined : Number(v)
}

export async function disputeAction(request: Request, params: { slug?: string; externalId?: string }, form: FormData) {
  const { caller } = await requireApi(request)
  const slug = params.slug ?? ''
  const intent = text(form, 'intent') as DisputeIntent
  try {
    if (intent === 'raise-dispute') {
      const d = await caller.disputes.raise({ slug, externalId: params.externalId ?? '', metric: text(form, 'metric') as never, reason: text(form, 'reason') ?? '' })
      return json({ intent, ok: true as const, message: `Dispute of the ${d.metric} verdict sent to the MSP.`, disputeId: d.id, fieldErrors: none })
    }
    const ref = { slug, id: text(form, 'id') ?? '', baseVersion: version(form) as number }
    const d =
      intent === 'accept-dispute'
        ? await caller.disputes.accept({ ...ref, agreedVerdict: (text(form, 'agreedVerdict') || undefined) as never, reason: text(form, 'reason') ?? '' })
        : await caller.disputes.reject({ ...ref, answer: text(form, 'answer') ?? '' })
    return json({ intent, ok: true as const, message: d.status === 'ACCEPTED' ? `Accepted: the agreed figures count it as ${d.agreedVerdict}.` : 'Rejected: the verdict stands.', disputeId: d.id, fieldErrors: none })
  } catch (error) {
    const e = describeError(error)
    return json({ intent, ok: false as const, message: e.message, disputeId: text(form, 'id') ?? null, fieldErrors: e.fieldErrors }, { status: e.status })
  }
}
