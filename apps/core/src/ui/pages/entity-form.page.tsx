import { Page, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { EntityFormValues, FieldSpec } from '../knowledge/entity-form.util';
import type { FormChoices } from '../knowledge/form-options.service';
import {
  AuthorSelect,
  describedBy,
  FieldError,
  FormButtons,
  FormSummary,
  MarkingLabelFields,
} from './form-fields';

export type EntityFormProps = {
  chrome: Chrome;
  entityType: string;
  /** Create: the list the user came from; edit: the element's page. */
  title: string;
  action: string;
  cancelHref: string;
  submitLabel: string;
  values: EntityFormValues;
  errors: Record<string, string>;
  /** An error of the whole form (the service refused it). */
  failure?: string | undefined;
  fields: readonly FieldSpec[];
  choices: FormChoices;
};

function TypeField(props: { field: FieldSpec; value: string; error?: string }): JSX.Element {
  const { field } = props;
  const id = `field-${field.key}`;
  const common = {
    id,
    name: field.key,
    required: field.required,
    'aria-invalid': props.error ? 'true' : undefined,
    'aria-describedby': describedBy(id, props.error),
  };
  let control: JSX.Element;
  if (field.kind === 'textarea') {
    control = (
      <textarea {...common} safe>
        {props.value}
      </textarea>
    );
  } else if (field.kind === 'select') {
    control = (
      <select {...common}>
        {(field.options ?? []).map((o) => (
          <option value={o} selected={o === props.value} safe>
            {o}
          </option>
        ))}
      </select>
    );
  } else {
    const type = field.kind === 'datetime' ? 'datetime-local' : 'text';
    control = <input {...common} type={type} value={props.value} />;
  }
  return (
    <div>
      <label for={id} safe>
        {field.kind === 'datetime' ? `${field.label} (UTC)` : field.label}
      </label>
      {control}
      <FieldError id={id} error={props.error} />
    </div>
  );
}

/** The create and edit form of an entity: common fields, the type's own, refs as choices. */
export function EntityFormPage(props: EntityFormProps): JSX.Element {
  const { values, errors, choices } = props;
  return (
    <Page title={props.title} chrome={props.chrome}>
      <p class="breadcrumbs" safe>
        {typeLabel(props.entityType)}
      </p>
      <div class="page-head">
        <h1 safe>{props.title}</h1>
      </div>
      <FormSummary errors={errors} failure={props.failure} />
      <form
        method="post"
        hx-boost="false"
        action={props.action}
        class="card entity-form"
        novalidate
      >
        <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
        <div class="form-grid">
          <div>
            <label for="field-name">Name</label>
            <input
              id="field-name"
              name="name"
              value={values.name}
              required
              aria-invalid={errors.name ? 'true' : undefined}
              aria-describedby={describedBy('field-name', errors.name)}
            />
            <FieldError id="field-name" error={errors.name} />
          </div>
          <div>
            <label for="field-confidence">Confidence (0–100)</label>
            <input
              id="field-confidence"
              name="confidence"
              type="number"
              min="0"
              max="100"
              value={values.confidence}
              aria-invalid={errors.confidence ? 'true' : undefined}
              aria-describedby={describedBy('field-confidence', errors.confidence)}
            />
            <FieldError id="field-confidence" error={errors.confidence} />
          </div>
          <AuthorSelect choices={choices} selected={values.createdBy} />
          {props.fields.map((field) => (
            <TypeField
              field={field}
              value={values.extra[field.key] ?? ''}
              {...(errors[field.key] ? { error: errors[field.key] } : {})}
            />
          ))}
        </div>
        <label for="field-description">Description (Markdown)</label>
        <textarea id="field-description" name="description" rows="8" safe>
          {values.description}
        </textarea>
        <MarkingLabelFields
          choices={choices}
          objectMarking={values.objectMarking}
          objectLabel={values.objectLabel}
        />
        <FormButtons submit={props.submitLabel} cancel={props.cancelHref} />
      </form>
    </Page>
  );
}
