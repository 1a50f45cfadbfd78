import type { Choice, FormChoices } from '../knowledge/form-options.service';

// Fields the knowledge forms share: a field's error, a multiple choice with its hint.

export function FieldError(props: { id: string; error?: string | undefined }): JSX.Element {
  if (!props.error) return '';
  return (
    <p class="field-error" id={`${props.id}-error`} safe>
      {props.error}
    </p>
  );
}

export const describedBy = (id: string, error?: string): string | undefined =>
  error ? `${id}-error` : undefined;

export function MultiSelect(props: {
  id: string;
  name: string;
  label: string;
  choices: readonly Choice[];
  selected: readonly string[];
  hint: string;
}): JSX.Element {
  return (
    <div>
      <label for={props.id} safe>
        {props.label}
      </label>
      <select
        id={props.id}
        name={props.name}
        multiple="multiple"
        size="5"
        aria-describedby={`${props.id}-hint`}
      >
        {props.choices.map((c) => (
          <option value={c.id} selected={props.selected.includes(c.id)} safe>
            {c.label}
          </option>
        ))}
      </select>
      <p class="field-hint" id={`${props.id}-hint`} safe>
        {props.hint}
      </p>
    </div>
  );
}

/** The author choice: one of the identities that can author content, or none. */
export function AuthorSelect(props: { choices: FormChoices; selected: string }): JSX.Element {
  return (
    <div>
      <label for="field-author">Author</label>
      <select id="field-author" name="createdBy">
        <option value="">None</option>
        {props.choices.authors.map((c) => (
          <option value={c.id} selected={c.id === props.selected} safe>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Markings (those the user holds) and labels, side by side. */
export function MarkingLabelFields(props: {
  choices: FormChoices;
  objectMarking: readonly string[];
  objectLabel: readonly string[];
}): JSX.Element {
  return (
    <div class="form-grid">
      <MultiSelect
        id="field-markings"
        name="objectMarking"
        label="Markings"
        choices={props.choices.markings}
        selected={props.objectMarking}
        hint="The markings you hold. Ctrl/⌘-click to pick several."
      />
      <MultiSelect
        id="field-labels"
        name="objectLabel"
        label="Labels"
        choices={props.choices.labels}
        selected={props.objectLabel}
        hint="Ctrl/⌘-click to pick several."
      />
    </div>
  );
}

/** The form's summary of errors, or the service's refusal (shown with role=alert). */
export function FormSummary(props: {
  errors: Record<string, string>;
  failure?: string | undefined;
}): JSX.Element {
  const summary =
    props.failure ??
    (Object.keys(props.errors).length > 0 ? 'The form has errors: see the fields below.' : '');
  if (!summary) return '';
  return (
    <p class="notice error" role="alert" safe>
      {summary}
    </p>
  );
}

/** A labelled input with its error (text, number, search…). */
export function InputField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  type?: string;
  required?: boolean;
  min?: string;
  max?: string;
}): JSX.Element {
  return (
    <div>
      <label for={props.id} safe>
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        min={props.min}
        max={props.max}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, props.error)}
      />
      <FieldError id={props.id} error={props.error} />
    </div>
  );
}

/** The submit button and the way back. */
export function FormButtons(props: { submit: string; cancel: string }): JSX.Element {
  return (
    <div class="form-actions">
      <button type="submit" class="primary" safe>
        {props.submit}
      </button>
      <a class="button" href={props.cancel}>
        Cancel
      </a>
    </div>
  );
}
