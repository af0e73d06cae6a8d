import { Link } from '@remix-run/react'
import { alignmentDelta, fmtScore } from '~/charts/pack-format'
import { alignmentAt } from '~/utils/alignment'

/** Beside a QBR: the standards alignment of the last assessment reviewed by its date, and the change since the one before. */
export function QbrAlignment({ slug, trend, at }: { slug: string; trend: ReadonlyArray<{ id: string; title: string; reviewedAt: string; overall: number | null }>; at: string }) {
  const { current, previous } = alignmentAt(trend, at)
  if (!current) return <span className="muted">no reviewed assessment</span>
  return (
    <>
      <Link to={`/p/${slug}/assessments/${current.id}`} title={current.title}>
        {fmtScore(current.overall)}
      </Link>
      {previous ? <span className="muted"> ({alignmentDelta(current.overall, previous.overall)})</span> : null}
    </>
  )
}
