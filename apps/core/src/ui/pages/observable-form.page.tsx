import { Page } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { FormChoices } from '../knowledge/form-options.service';
import { FILE_HASHES, OBSERVABLE_KINDS, observableKind } from '../knowledge/observable-form.util';
import type { ObservableFormValues } from '../knowledge/observable-form.util';
import {
  AuthorSelect,
  FieldError,
  FormButtons,
  FormSummary,
  InputField,
  MarkingLabelFields,
} from './form-fields';

export const OBSERVABLE_FORM_PATH = '/create-observable';

/**
 * The observable create form. The type is picked first (a GET form, so that it works without
 * scripts): the form then asks for the value, or for a file's name and hashes.
 */
export function ObservableFormPage(props: {
  chrome: Chrome;
  values: ObservableFormValues;
  errors: Record<string, string>;
  failure?: string | undefined;
  choices: FormChoices;
  cancelHref: string;
}): JSX.Element {
  const { values, errors, choices } = props;
  const kind = observableKind(values.type) ?? OBSERVABLE_KINDS[0]!;
  const title = `New ${kind.label.toLowerCase()} observable`;
  return (
    <Page title={title} chrome={props.chrome}>
      <p class="breadcrumbs">Observable</p>
      <div class="page-head">
        <h1 safe>{title}</h1>
      </div>
      <form method="get" action={OBSERVABLE_FORM_PATH} class="card type-picker">
        <label for="observable-type">Type</label>
        <select id="observable-type" name="type">
          {OBSERVABLE_KINDS.map((k) => (
            <option value={k.entityType} selected={k.entityType === kind.entityType} safe>
              {k.label}
            </option>
          ))}
        </select>
        <button type="submit">Change type</button>
      </form>
      <FormSummary errors={errors} failure={props.failure} />
      <form
        method="post"
        hx-boost="false"
        action={OBSERVABLE_FORM_PATH}
        class="card entity-form"
        novalidate
      >
        <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
        <input type="hidden" name="type" value={kind.entityType} />
        <FieldError id="observable-type" error={errors.type} />
        <div class="form-grid">
          {kind.shape === 'value' ? (
            <InputField
              id="field-value"
              name="value"
              label={`${kind.label} (value)`}
              value={values.value}
              error={errors.value}
              required
            />
          ) : (
            <>
              <InputField
                id="field-file-name"
                name="file_name"
                label="File name"
                value={values.fileName}
                error={errors.file_name}
              />
              {FILE_HASHES.map((h) => (
                <InputField
                  id={`field-${h.key}`}
                  name={h.key}
                  label={h.algorithm}
                  value={values.hashes[h.key] ?? ''}
                  error={errors[h.key]}
                />
              ))}
            </>
          )}
          <InputField
            id="field-score"
            name="score"
            label="Score (0–100)"
            type="number"
            min="0"
            max="100"
            value={values.score}
            error={errors.score}
          />
          <AuthorSelect choices={choices} selected={values.createdBy} />
        </div>
        <label for="field-description">Description (Markdown)</label>
        <textarea id="field-description" name="description" rows="6" safe>
          {values.description}
        </textarea>
        <MarkingLabelFields
          choices={choices}
          objectMarking={values.objectMarking}
          objectLabel={values.objectLabel}
        />
        <div class="check">
          <input
            id="field-indicator"
            type="checkbox"
            name="createIndicator"
            checked={values.createIndicator}
          />
          <label for="field-indicator">Also create an indicator from it</label>
        </div>
        <FormButtons submit="Create" cancel={props.cancelHref} />
      </form>
    </Page>
  );
}
