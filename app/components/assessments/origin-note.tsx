import { Link } from '@remix-run/react'

/** On a roadmap item or CSI entry made from an assessment finding: the link back to it. */
export function OriginNote({ slug, origin }: { slug: string; origin: { assessmentId: string; assessmentTitle: string; question: string; category: string } | null }) {
  if (!origin) return null
  return (
    <p className="card">
      From a standards assessment finding ({origin.category}): “{origin.question}” in{' '}
      <Link to={`/p/${slug}/assessments/${origin.assessmentId}`}>{origin.assessmentTitle}</Link>
    </p>
  )
}
