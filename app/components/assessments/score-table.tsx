import { fmtScore } from '~/charts/pack-format'

export interface ScoreView {
  overall: number | null
  categories: Array<{ category: string; score: number | null; aligned: number; misaligned: number; unknown: number; notApplicable: number }>
}

/** The score per category with a bar, and the counts behind it. */
export function ScoreTable({ score, caption }: { score: ScoreView; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Score</th>
            <th scope="col">Aligned</th>
            <th scope="col">Misaligned</th>
            <th scope="col">Unknown</th>
            <th scope="col">Not applicable</th>
          </tr>
        </thead>
        <tbody>
          {score.categories.map((c) => (
            <tr key={c.category}>
              <th scope="row" className="row-head">{c.category}</th>
              <td>
                <span className="score-bar" aria-hidden="true">
                  <span style={{ width: `${c.score ?? 0}%` }} />
                </span>{' '}
                {fmtScore(c.score)}
              </td>
              <td>{c.aligned}</td>
              <td>{c.misaligned}</td>
              <td>{c.unknown}</td>
              <td>{c.notApplicable}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Overall</th>
            <td colSpan={5}>
              <strong>{fmtScore(score.overall)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
