import { Page, elementHref, typeLabel } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { RelationshipFormValues } from '../knowledge/relationship-form.util';
import { FormButtons, FormSummary, InputField } from './form-fields';

export type RelationshipEnd = { id: string; name: string; entityType: string } | undefined;

export const relationshipEditHref = (id: string): string =>
  `/relationship/${encodeURIComponent(id)}/edit`;

function EndLink(props: { end: RelationshipEnd }): JSX.Element {
  if (!props.end) return <span class="muted">Restricted</span>;
  return (
    <a href={elementHref(props.end.id)} safe>
      {`${props.end.name} (${typeLabel(props.end.entityType)})`}
    </a>
  );
}

/** Edit a relationship: its times, confidence and description; reverse its direction. */
export function RelationshipEditPage(props: {
  chrome: Chrome;
  id: string;
  type: string;
  from: RelationshipEnd;
  to: RelationshipEnd;
  values: RelationshipFormValues;
  errors: Record<string, string>;
  failure?: string | undefined;
  /** Why it cannot be reversed; undefined when it can. */
  reversal: string | undefined;
  /** The reader may delete (a reversal replaces the relationship). */
  canReverse: boolean;
}): JSX.Element {
  const { values, errors } = props;
  const action = relationshipEditHref(props.id);
  const back = props.from ? `${elementHref(props.from.id)}/relationships` : '/dashboard';
  return (
    <Page title={`Edit relationship ${props.type}`} chrome={props.chrome}>
      <p class="breadcrumbs">Relationship</p>
      <div class="page-head">
        <h1 safe>{`Edit relationship ${props.type}`}</h1>
      </div>
      <p class="relationship-ends" id="relationship-ends">
        <EndLink end={props.from} /> <strong safe>{` ${props.type} `}</strong>{' '}
        <EndLink end={props.to} />
      </p>
      <FormSummary errors={errors} failure={props.failure} />
      <form method="post" hx-boost="false" action={action} class="card entity-form" novalidate>
        <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
        <div class="form-grid">
          <InputField
            id="rel-start"
            name="start_time"
            label="Start time (UTC)"
            type="datetime-local"
            value={values.start}
            error={errors.start_time}
          />
          <InputField
            id="rel-stop"
            name="stop_time"
            label="Stop time (UTC)"
            type="datetime-local"
            value={values.stop}
            error={errors.stop_time}
          />
          <InputField
            id="rel-confidence"
            name="confidence"
            label="Confidence (0–100)"
            type="number"
            min="0"
            max="100"
            value={values.confidence}
            error={errors.confidence}
          />
        </div>
        <label for="rel-description">Description (Markdown)</label>
        <textarea id="rel-description" name="description" rows="4" safe>
          {values.description}
        </textarea>
        <FormButtons submit="Save" cancel={back} />
      </form>
      <section class="card reverse-card" aria-labelledby="reverse-title">
        <h2 id="reverse-title">Direction</h2>
        {props.reversal ? (
          <p class="notice" id="reverse-refusal" safe>
            {props.reversal}
          </p>
        ) : props.canReverse ? (
          <form
            method="post"
            hx-boost="false"
            action={`/relationship/${encodeURIComponent(props.id)}/reverse`}
          >
            <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
            <p class="field-hint" id="reverse-hint">
              Swaps source and target: the relationship is replaced by one pointing the other way,
              with the same content.
            </p>
            <button type="submit" aria-describedby="reverse-hint">
              Reverse direction
            </button>
          </form>
        ) : (
          <p class="notice">Reversing a relationship replaces it: it needs the right to delete.</p>
        )}
      </section>
    </Page>
  );
}
