export interface EventChoice {
  value: string
  label: string
}

/** The events as checkboxes in a fieldset; `error` is the field message of `events`. */
export function EventChoices({ idPrefix, events, checked, error }: { idPrefix: string; events: EventChoice[]; checked: readonly string[]; error?: string }) {
  return (
    <fieldset className="field" aria-describedby={error ? `${idPrefix}-events-error` : undefined}>
      <legend>Events</legend>
      {events.map((e) => (
        <label key={e.value} className="check">
          <input type="checkbox" name="events" value={e.value} defaultChecked={checked.includes(e.value)} />
          <span>
            <code>{e.value}</code>: {e.label}
          </span>
        </label>
      ))}
      {error ? (
        <p className="field-error" id={`${idPrefix}-events-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
