import { Page, typeLabel } from '@lib/ui';
import type { Chrome, ElementRow } from '@lib/ui';
import type { RelationshipFormValues } from '../knowledge/relationship-form.util';
import { FormButtons } from './form-fields';

export type TargetOption = { id: string; name: string; entityType: string };

/** The target search's answer: options of the target list (an htmx fragment). */
export function TargetOptions(props: { targets: readonly TargetOption[]; selected?: string }) {
  if (props.targets.length === 0) {
    return (
      <option value="" disabled>
        No match
      </option>
    );
  }
  return (
    <>
      {props.targets.map((t) => (
        <option value={t.id} selected={t.id === props.selected} safe>
          {`${t.name} (${typeLabel(t.entityType)})`}
        </option>
      ))}
    </>
  );
}

/** The relationship types allowed toward the chosen target (an htmx fragment). */
export function TypeOptions(props: { types: readonly string[]; selected?: string }) {
  if (props.types.length === 0) {
    return (
      <option value="" disabled selected>
        Pick a target first
      </option>
    );
  }
  return (
    <>
      {props.types.map((t) => (
        <option value={t} selected={t === props.selected} safe>
          {t}
        </option>
      ))}
    </>
  );
}

function Err(props: { id: string; error?: string | undefined }): JSX.Element {
  return props.error ? (
    <p class="field-error" id={`${props.id}-error`} safe>
      {props.error}
    </p>
  ) : (
    ''
  );
}

/** Add a relationship from an element: search the target, pick an allowed type, times. */
export function RelationshipFormPage(props: {
  chrome: Chrome;
  from: ElementRow;
  base: string;
  values: RelationshipFormValues;
  errors: Record<string, string>;
  failure?: string | undefined;
  targets: readonly TargetOption[];
  types: readonly string[];
}): JSX.Element {
  const { values, errors, base } = props;
  const invalid = (key: string) => (errors[key] ? 'true' : undefined);
  const summary =
    props.failure ??
    (Object.keys(errors).length > 0 ? 'The form has errors: see the fields below.' : '');
  return (
    <Page title={`Add a relationship to ${props.from.name}`} chrome={props.chrome}>
      <p class="breadcrumbs">
        <a href={base} safe>
          {props.from.name}
        </a>
      </p>
      <div class="page-head">
        <h1 safe>{`Add a relationship from ${props.from.name}`}</h1>
      </div>
      {summary ? (
        <p class="notice error" role="alert" safe>
          {summary}
        </p>
      ) : (
        ''
      )}
      <form
        method="post"
        hx-boost="false"
        action={`${base}/relationships/new`}
        class="card relationship-form"
      >
        <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
        <label for="rel-search">Find the target</label>
        <input
          id="rel-search"
          type="search"
          name="q"
          autocomplete="off"
          placeholder="Name, alias, value…"
          hx-get={`${base}/relationships/targets`}
          hx-trigger="input changed delay:300ms, search"
          hx-target="#rel-target"
          hx-swap="innerHTML"
          aria-controls="rel-target"
        />
        <label for="rel-target">Target</label>
        <select
          id="rel-target"
          name="toId"
          size="6"
          required
          hx-get={`${base}/relationships/types`}
          hx-trigger="change"
          hx-target="#rel-type"
          hx-swap="innerHTML"
          aria-invalid={invalid('toId')}
          aria-describedby={errors.toId ? 'rel-target-error' : undefined}
        >
          <TargetOptions targets={props.targets} selected={values.toId} />
        </select>
        <Err id="rel-target" error={errors.toId} />
        <div class="form-grid">
          <div>
            <label for="rel-type">Relationship</label>
            <select
              id="rel-type"
              name="relationship_type"
              required
              aria-invalid={invalid('relationship_type')}
              aria-describedby={errors.relationship_type ? 'rel-type-error' : undefined}
            >
              <TypeOptions types={props.types} selected={values.relationshipType} />
            </select>
            <Err id="rel-type" error={errors.relationship_type} />
          </div>
          <div>
            <label for="rel-confidence">Confidence (0–100)</label>
            <input
              id="rel-confidence"
              name="confidence"
              type="number"
              min="0"
              max="100"
              value={values.confidence}
              aria-invalid={invalid('confidence')}
            />
            <Err id="rel-confidence" error={errors.confidence} />
          </div>
          <div>
            <label for="rel-start">Start time (UTC)</label>
            <input
              id="rel-start"
              name="start_time"
              type="datetime-local"
              value={values.start}
              aria-invalid={invalid('start_time')}
            />
            <Err id="rel-start" error={errors.start_time} />
          </div>
          <div>
            <label for="rel-stop">Stop time (UTC)</label>
            <input
              id="rel-stop"
              name="stop_time"
              type="datetime-local"
              value={values.stop}
              aria-invalid={invalid('stop_time')}
            />
            <Err id="rel-stop" error={errors.stop_time} />
          </div>
        </div>
        <label for="rel-description">Description (Markdown)</label>
        <textarea id="rel-description" name="description" rows="4" safe>
          {values.description}
        </textarea>
        <FormButtons submit="Create relationship" cancel={`${base}/knowledge`} />
      </form>
    </Page>
  );
}
