// One database read per session or user at a time (ADR 005 addendum, issue 14 §4): concurrent requests share the
// read, and a sign-out or a changed MFA rule is never undone by a read begun before it.
import { describe, expect, it } from 'vitest'
import { mfaEnrolmentDue } from '../../server/auth/mfa-gate.server.ts'
import { forgetMfaDue } from '../../server/auth/mfa-enrolment.server.ts'
import { authenticate, endSession, startSession } from '../../server/auth/session.server.ts'
import { db } from '../../server/db/client.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'

const withCookie = (cookie: string) => new Request('http://local/p/x', { headers: { cookie: cookie.split(';')[0] } })

describe('shared reads of sessions and the MFA gate', () => {
  it('answers concurrent requests of one session alike, and refuses the session once it has ended', async () => {
    const { mspUser } = await createPartnershipGraph()
    const cookie = await startSession(mspUser.id, new Request('http://local/login'))
    const answers = await Promise.all(Array.from({ length: 20 }, () => authenticate(withCookie(cookie))))
    expect(answers.every((a) => a.auth?.user.id === mspUser.id)).toBe(true)

    // Reads in flight while the session ends: whatever they answer, a request after the end is refused.
    const inFlight = Array.from({ length: 5 }, () => authenticate(withCookie(cookie)))
    await endSession(withCookie(cookie))
    expect((await authenticate(withCookie(cookie))).auth).toBeNull()
    await Promise.all(inFlight)
    expect((await authenticate(withCookie(cookie))).auth).toBeNull()
  })

  it('reads the MFA rule once for concurrent requests, and a rule changed meanwhile wins', async () => {
    const { mspUser, msp } = await createPartnershipGraph()
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => mfaEnrolmentDue(mspUser.id))))).toEqual(new Set([false]))
    forgetMfaDue()
    const before = mfaEnrolmentDue(mspUser.id)
    await (await db()).organization.update({ where: { id: msp.id }, data: { mfaRequired: true } })
    forgetMfaDue()
    expect(await mfaEnrolmentDue(mspUser.id)).toBe(true)
    await before
    expect(await mfaEnrolmentDue(mspUser.id)).toBe(true)
  })
})
