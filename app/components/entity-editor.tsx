import { Form, Link } from '@remix-run/react'
import { useBusy } from '~/utils/use-busy'
import { type FieldChangeView, FieldHistory } from '~/components/field-history'
import { VersionedForm } from '~/components/versioned-form'
import type { ConflictView, FieldDef } from '~/utils/versioned-form'

interface Props {
  back: { to: string; label: string }
  title: string
  subtitle?: string
  /** As the field history names it (`RoadmapItem`), for the fields' labels. */
  entityType: string
  item: Record<string, unknown> & { version: number; deletedAt: string | null }
  fields: FieldDef[]
  history: FieldChangeView[]
  result: { ok: boolean; message: string; conflict: unknown; submitted: Record<string, string> | null; fieldErrors: unknown } | undefined
  canEdit: boolean
  canDelete: boolean
  children?: React.ReactNode
}

/** The page of one co-edited entity: its versioned form, delete/restore, and its field history. */
export function EntityEditor({ back, title, subtitle, entityType, item, fields, history, result, canEdit, canDelete, children }: Props) {
  const busy = useBusy()
  return (
    <>
      <p>
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <div className="section-head">
        <h2>{title}</h2>
        <span className="muted">
          version {item.version}
          {subtitle ? ` · ${subtitle}` : ''}
        </span>
      </div>
      {item.deletedAt ? <p className="alert alert-error">Deleted on {item.deletedAt.slice(0, 10)}. It can be restored.</p> : null}
      {result && !result.conflict ? (
        <p className={`alert ${result.ok ? 'alert-success' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
          {result.message}
        </p>
      ) : null}
      {children}
      <VersionedForm
        defs={fields}
        values={item}
        version={item.version}
        submitted={result?.submitted}
        conflict={result?.conflict as ConflictView | null | undefined}
        fieldErrors={result?.fieldErrors as Array<{ field: string; message: string }> | undefined}
        readOnly={!canEdit || !!item.deletedAt}
        busy={busy}
      />
      {canDelete ? (
        <Form method="post" className="spaced">
          <input type="hidden" name="intent" value={item.deletedAt ? 'restore' : 'delete'} />
          <input type="hidden" name="baseVersion" value={item.version} />
          <button type="submit" className="button button-danger" disabled={busy}>
            {item.deletedAt ? 'Restore' : 'Delete'}
          </button>
        </Form>
      ) : null}
      <h3 className="spaced">History</h3>
      <FieldHistory history={history} entityType={entityType} />
    </>
  )
}
