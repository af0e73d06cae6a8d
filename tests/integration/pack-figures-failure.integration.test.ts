// pack.generate for 0000-Q1 ended the server: the pack's ticket figures started reads and handed promises derived
// from them to callees, and when the scan failed (RangeError: Invalid time value, the previous quarter "-1-Q0" having
// no bounds) a callee failed before awaiting the promises it was handed, which rejected unhandled. The quarter is now
// refused up front (input-bounds.integration.test.ts); here, a failure inside the figures fails the figures, and a
// job queued with such a quarter before the bound ends failed with the reason, while the process lives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { unsafeOperatorScope } from '../../server/access/policy.server.ts'
import { db } from '../../server/db/client.server.ts'
import { drainJobs, enqueueJob } from '../../server/jobs/jobs.server.ts'
import { PACK_JOB, registerPackJobs } from '../../server/pack/pack-job.server.ts'
import { storedTicketFigures } from '../../server/pack/stored-ticket-figures.server.ts'
import type { PackTicketWindow } from '../../server/pack/ticket-figures.ts'
import { MonthIndex, periodBounds } from '../../server/sla/periods.ts'
import { verdictPolicyAt } from '../../server/sla/stored/verdict-policy.server.ts'
import { createPartnershipGraph } from '../helpers/factories.ts'
import { seedPackData } from '../helpers/pack-data.ts'

let scope: Awaited<ReturnType<typeof unsafeOperatorScope>>
let requestedBy: string
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeEach(async () => {
  const { partnership, mspUser } = await createPartnershipGraph()
  scope = await unsafeOperatorScope(partnership.slug)
  requestedBy = mspUser.id
  await seedPackData(scope.id, { perDay: 1 })
  unhandled.length = 0
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  process.off('unhandledRejection', onUnhandled)
})

/** Every read started beside the failing one has settled (a rejection nobody handles is reported by then). */
async function settled() {
  await new Promise((resolve) => setTimeout(resolve, 500))
}

describe('a failure inside the pack’s ticket figures', () => {
  it('rejects the figures with the scan’s error and leaves no rejection unhandled', async () => {
    const prisma = await db()
    const { version } = await prisma.slaPolicy.findFirstOrThrow({ where: { partnershipId: scope.id } })
    const vp = (await verdictPolicyAt(prisma, scope.id, version))!
    // The window buildPackSnapshot made of 0000-Q1 before quarters were bounded.
    const zone = vp.policy.timezone
    const cur = periodBounds(zone, { quarter: '0000-Q1' })
    const asOf = Date.parse('2026-10-01T00:00:00Z')
    const window: PackTicketWindow = {
      scope,
      policy: { version, definition: vp.policy },
      quarter: '0000-Q1',
      asOf,
      zone,
      cur,
      curEnd: Math.min(cur.end, asOf + 1),
      prev: { start: Number.NaN, end: Number.NaN },
      comparedEnd: Number.NaN,
      prevEnd: Number.NaN,
      months: new MonthIndex(zone, cur.start, cur.end - 1),
    }
    await expect(storedTicketFigures(window, vp)).rejects.toThrow(new RangeError('Invalid time value'))
    await settled()
    expect(unhandled).toEqual([])
  })

  it('a pack job queued with 0000-Q1 before the bound ends failed, naming the quarter', async () => {
    registerPackJobs()
    const { job } = await enqueueJob(PACK_JOB, { quarter: '0000-Q1', asOf: '2026-10-01T00:00:00.000Z', requestedBy }, { partnershipId: scope.id })
    expect(await drainJobs({ log: { warn: () => {} } })).toBe(1)
    const row = await (await db()).job.findUniqueOrThrow({ where: { id: job.id } })
    expect({ status: row.status, error: row.error }).toEqual({ status: 'failed', error: 'quarter: A quarter from 2000-Q1 to 2100-Q4' })
    await settled()
    expect(unhandled).toEqual([])
  })
})
