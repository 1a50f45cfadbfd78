import type { ListFilters } from '../knowledge/list-filters.util';
import type { Choice, FormChoices } from '../knowledge/form-options.service';

function Options(props: { choices: readonly Choice[]; selected: readonly string[] }) {
  return (
    <>
      {props.choices.map((c) => (
        <option value={c.id} selected={props.selected.includes(c.id)} safe>
          {c.label}
        </option>
      ))}
    </>
  );
}

/** A select filter: any, or one of the choices. */
function SelectFilter(props: {
  name: string;
  label: string;
  choices: readonly Choice[];
  selected: readonly string[];
}): JSX.Element {
  const id = `filter-${props.name}`;
  return (
    <div class="filter">
      <label for={id} safe>
        {props.label}
      </label>
      <select id={id} name={props.name}>
        <option value="">Any</option>
        <Options choices={props.choices} selected={props.selected} />
      </select>
    </div>
  );
}

/** A date filter, or (no type) a confidence bound from 0 to 100; blank when unset. */
function InputFilter(props: {
  id: string;
  name: string;
  label: string;
  type?: 'date';
  value: string | number | undefined;
}): JSX.Element {
  const value = props.value === undefined ? '' : String(props.value);
  return (
    <div class="filter">
      <label for={props.id} safe>
        {props.label}
      </label>
      {props.type === 'date' ? (
        <input id={props.id} type="date" name={props.name} value={value} />
      ) : (
        <input
          id={props.id}
          class="narrow"
          type="number"
          min="0"
          max="100"
          name={props.name}
          value={value}
        />
      )}
    </div>
  );
}

/** The list's filter fields (inside its GET form): labels, markings, author, dates, confidence. */
export function FilterFields(props: { filters: ListFilters; choices: FormChoices }): JSX.Element {
  const { filters, choices } = props;
  return (
    <>
      <SelectFilter name="label" label="Label" choices={choices.labels} selected={filters.labels} />
      <SelectFilter
        name="marking"
        label="Marking"
        choices={choices.markings}
        selected={filters.markings}
      />
      <SelectFilter
        name="author"
        label="Author"
        choices={choices.authors}
        selected={filters.author ? [filters.author] : []}
      />
      <InputFilter
        id="filter-created-from"
        name="created_from"
        label="Created from"
        type="date"
        value={filters.createdFrom}
      />
      <InputFilter
        id="filter-created-to"
        name="created_to"
        label="Created to"
        type="date"
        value={filters.createdTo}
      />
      <InputFilter
        id="filter-confidence-min"
        name="confidence_min"
        label="Confidence ≥"
        value={filters.confidenceMin}
      />
      <InputFilter
        id="filter-confidence-max"
        name="confidence_max"
        label="Confidence ≤"
        value={filters.confidenceMax}
      />
    </>
  );
}

/** The bulk action bar above a selectable table (inside its POST form). */
export function BulkBar(props: { choices: FormChoices; canDelete: boolean }): JSX.Element {
  return (
    <div class="bulk-bar" role="group" aria-label="Bulk actions on the selected rows">
      {props.choices.labels.length > 0 ? (
        <>
          <div class="filter">
            <label for="bulk-label">Label to add</label>
            <select id="bulk-label" name="label">
              <Options choices={props.choices.labels} selected={[]} />
            </select>
          </div>
          <button type="submit" name="action" value="label">
            Add label
          </button>
        </>
      ) : (
        ''
      )}
      <div class="filter">
        <label for="bulk-marking">Marking to add</label>
        <select id="bulk-marking" name="marking">
          <Options choices={props.choices.markings} selected={[]} />
        </select>
      </div>
      <button type="submit" name="action" value="marking">
        Add marking
      </button>
      {props.canDelete ? (
        <button type="submit" name="action" value="delete" class="danger">
          Delete…
        </button>
      ) : (
        ''
      )}
    </div>
  );
}
