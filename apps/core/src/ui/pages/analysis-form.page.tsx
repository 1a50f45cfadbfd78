import { Page, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { OPINION_VALUES } from '../knowledge/analysis-form.util';
import type { AnalysisFormValues, AnalysisKind } from '../knowledge/analysis-form.util';
import type { FormChoices } from '../knowledge/form-options.service';
import {
  AuthorSelect,
  describedBy,
  FieldError,
  FormButtons,
  FormSummary,
  InputField,
  MarkingLabelFields,
} from './form-fields';
import type { TargetOption } from './relationship-form.page';

/** `/create-analysis/note` or `/create-analysis/opinion`. */
export const analysisFormPath = (kind: AnalysisKind): string =>
  `/create-analysis/${kind.toLowerCase()}`;

/** The entities already chosen, as checked boxes (unchecking one drops it). */
function ChosenEntities(props: { chosen: readonly TargetOption[] }): JSX.Element {
  if (props.chosen.length === 0) return <p class="field-hint">None chosen yet.</p>;
  return (
    <ul class="chosen-entities">
      {props.chosen.map((c, i) => (
        <li>
          <input type="checkbox" id={`about-${i}`} name="objects" value={c.id} checked={true} />
          <label for={`about-${i}`} safe>
            {`${c.name} (${typeLabel(c.entityType)})`}
          </label>
        </li>
      ))}
    </ul>
  );
}

function OpinionSelect(props: { value: string; error?: string | undefined }): JSX.Element {
  return (
    <div>
      <label for="field-opinion">Opinion</label>
      <select
        id="field-opinion"
        name="opinion"
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy('field-opinion', props.error)}
      >
        <option value="">Choose…</option>
        {OPINION_VALUES.map((o) => (
          <option value={o} selected={o === props.value}>
            {o}
          </option>
        ))}
      </select>
      <FieldError id="field-opinion" error={props.error} />
    </div>
  );
}

/** The note and opinion create form: its text, what it is about, author, markings, labels. */
export function AnalysisFormPage(props: {
  chrome: Chrome;
  kind: AnalysisKind;
  values: AnalysisFormValues;
  errors: Record<string, string>;
  failure?: string | undefined;
  choices: FormChoices;
  chosen: readonly TargetOption[];
  cancelHref: string;
}): JSX.Element {
  const { values, errors, choices, kind } = props;
  const note = kind === 'Note';
  const title = note ? 'New note' : 'New opinion';
  const path = analysisFormPath(kind);
  const textName = note ? 'content' : 'explanation';
  const textError = errors[textName];
  return (
    <Page title={title} chrome={props.chrome}>
      <p class="breadcrumbs" safe>
        {typeLabel(kind)}
      </p>
      <div class="page-head">
        <h1>{title}</h1>
      </div>
      <FormSummary errors={errors} failure={props.failure} />
      <form method="post" hx-boost="false" action={path} class="card entity-form" novalidate>
        <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
        <div class="form-grid">
          {note ? (
            <InputField
              id="field-abstract"
              name="attribute_abstract"
              label="Abstract"
              value={values.summary}
            />
          ) : (
            <OpinionSelect value={values.summary} error={errors.opinion} />
          )}
          <InputField
            id="field-confidence"
            name="confidence"
            label="Confidence (0–100)"
            type="number"
            min="0"
            max="100"
            value={values.confidence}
            error={errors.confidence}
          />
          <AuthorSelect choices={choices} selected={values.createdBy} />
        </div>
        <label for={`field-${textName}`}>
          {note ? 'Content (Markdown)' : 'Explanation (Markdown)'}
        </label>
        <textarea
          id={`field-${textName}`}
          name={textName}
          rows="8"
          required={note}
          aria-invalid={textError ? 'true' : undefined}
          aria-describedby={describedBy(`field-${textName}`, textError)}
          safe
        >
          {values.text}
        </textarea>
        <FieldError id={`field-${textName}`} error={textError} />
        <fieldset class="about">
          <legend>{note ? 'What the note is about' : 'What the opinion is about'}</legend>
          <ChosenEntities chosen={props.chosen} />
          <label for="about-search">Find more entities</label>
          <input
            id="about-search"
            type="search"
            name="q"
            autocomplete="off"
            placeholder="Name, alias, value…"
            hx-get={`${path}/about`}
            hx-trigger="input changed delay:300ms, search"
            hx-target="#field-objects"
            hx-swap="innerHTML"
            aria-controls="field-objects"
          />
          <label for="field-objects">Add the entities picked here</label>
          <select
            id="field-objects"
            name="objects"
            multiple="multiple"
            size="6"
            aria-invalid={errors.objects ? 'true' : undefined}
            aria-describedby={describedBy('field-objects', errors.objects)}
          >
            <option value="" disabled>
              Type in the search above
            </option>
          </select>
          <FieldError id="field-objects" error={errors.objects} />
        </fieldset>
        <MarkingLabelFields
          choices={choices}
          objectMarking={values.objectMarking}
          objectLabel={values.objectLabel}
        />
        <FormButtons submit="Create" cancel={props.cancelHref} />
      </form>
    </Page>
  );
}
