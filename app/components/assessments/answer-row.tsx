import { Link, useFetcher } from '@remix-run/react'
import { FieldMessage, type FieldErrorLike, fieldError } from '~/components/forms'
import { severityLabel } from './standard-fields'
import { ALIGNMENT_LABEL } from './labels'

export interface AnswerView {
  id: string
  version: number
  category: string
  question: string
  severity: string
  remediation: string
  whyItMatters: string
  howToCheck: string
  alignment: string | null
  evidence: string
  note: string
  answeredBy: string | null
  link: { kind: 'ROADMAP' | 'CSI'; id: string; title: string; status: string; done: boolean } | null
  recheck: boolean
}

type Result = { ok: boolean; message: string; fieldErrors: FieldErrorLike[] }

/** One standard of an assessment: its answer (editable while the assessment is open) and what it was turned into. */
export function AnswerRow({ slug, a, canAnswer, canConvert }: { slug: string; a: AnswerView; canAnswer: boolean; canConvert: boolean }) {
  const answer = useFetcher<Result>()
  const convert = useFetcher<Result>()
  const id = (f: string) => `a-${a.id}-${f}`
  const linkTo = a.link ? (a.link.kind === 'ROADMAP' ? `/p/${slug}/roadmap/${a.link.id}` : `/p/${slug}/csi/${a.link.id}`) : null
  return (
    <li className={`answer answer-${(a.alignment ?? 'none').toLowerCase()}`} aria-labelledby={id('q')}>
      <div className="answer-head">
        <h4 id={id('q')}>{a.question}</h4>
        <span className={`badge severity-${a.severity.toLowerCase()}`}>{severityLabel(a.severity)}</span>
        {a.alignment ? <span className={`badge alignment-${a.alignment.toLowerCase()}`}>{ALIGNMENT_LABEL[a.alignment]}</span> : <span className="badge">Not answered</span>}
        {a.recheck ? <span className="badge badge-recheck">Re-check: linked item done</span> : null}
      </div>
      <details>
        <summary>Why it matters, how to check, remediation</summary>
        <p>{a.whyItMatters}</p>
        <p>
          <strong>How to check:</strong> {a.howToCheck || '—'}
        </p>
        <p>
          <strong>Recommended remediation:</strong> {a.remediation || '—'}
        </p>
      </details>
      {canAnswer ? (
        <answer.Form method="post" className="answer-form" noValidate>
          <input type="hidden" name="intent" value="answer" />
          <input type="hidden" name="answerId" value={a.id} />
          <input type="hidden" name="baseVersion" value={a.version} />
          <fieldset className="alignment-choice">
            <legend>Finding</legend>
            {Object.entries(ALIGNMENT_LABEL).map(([value, label]) => (
              <label key={value}>
                <input type="radio" name="alignment" value={value} defaultChecked={a.alignment === value} /> {label}
              </label>
            ))}
          </fieldset>
          <div className="form-row">
            <div className="field">
              <label htmlFor={id('evidence')}>Evidence</label>
              <textarea id={id('evidence')} name="evidence" rows={2} defaultValue={a.evidence} aria-describedby={id('evidence-error')} />
              <FieldMessage id={id('evidence-error')} message={fieldError(answer.data?.fieldErrors, 'evidence')} />
            </div>
            <div className="field">
              <label htmlFor={id('note')}>Note</label>
              <textarea id={id('note')} name="note" rows={2} defaultValue={a.note} aria-describedby={id('note-error')} />
              <FieldMessage id={id('note-error')} message={fieldError(answer.data?.fieldErrors, 'note')} />
            </div>
          </div>
          <button type="submit" className="button" disabled={answer.state !== 'idle'}>
            Save answer
          </button>
          {answer.data ? (
            <span className={answer.data.ok ? 'muted' : 'field-error'} role={answer.data.ok ? 'status' : 'alert'}>
              {' '}
              {answer.data.message}
            </span>
          ) : null}
        </answer.Form>
      ) : (
        <p className="answer-evidence">
          {[a.evidence ? `Evidence: ${a.evidence}` : '', a.note ? `Note: ${a.note}` : ''].filter(Boolean).join(' · ') || <span className="muted">No evidence recorded.</span>}
          {a.answeredBy ? <span className="muted"> · answered by {a.answeredBy.replace(/ <.*>$/, '')}</span> : null}
        </p>
      )}
      {a.link && linkTo ? (
        <p>
          {a.link.kind === 'ROADMAP' ? 'Roadmap item' : 'CSI entry'}: <Link to={linkTo}>{a.link.title}</Link> <span className="muted">({a.link.status.toLowerCase().replace('_', ' ')})</span>
        </p>
      ) : canConvert && a.alignment === 'MISALIGNED' ? (
        <convert.Form method="post" className="inline-actions">
          <input type="hidden" name="intent" value="convert" />
          <input type="hidden" name="answerId" value={a.id} />
          <input type="hidden" name="baseVersion" value={a.version} />
          <button type="submit" name="into" value="ROADMAP" className="button" disabled={convert.state !== 'idle'}>
            Make a roadmap item
          </button>
          <button type="submit" name="into" value="CSI" className="button" disabled={convert.state !== 'idle'}>
            Make a CSI entry
          </button>
          {convert.data && !convert.data.ok ? (
            <span className="field-error" role="alert">
              {' '}
              {convert.data.message}
            </span>
          ) : null}
        </convert.Form>
      ) : null}
    </li>
  )
}
