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

/** The list's filter fields (inside its GET form): labels, markings, author, dates, confidence. */
export function FilterFields(props: { filters: ListFilters; choices: FormChoices }): JSX.Element {
  const { filters, choices } = props;
  return (
    <>
      <div class="filter">
        <label for="filter-label">Label</label>
        <select id="filter-label" name="label">
          <option value="">Any</option>
          <Options choices={choices.labels} selected={filters.labels} />
        </select>
      </div>
      <div class="filter">
        <label for="filter-marking">Marking</label>
        <select id="filter-marking" name="marking">
          <option value="">Any</option>
          <Options choices={choices.markings} selected={filters.markings} />
        </select>
      </div>
      <div class="filter">
        <label for="filter-author">Author</label>
        <select id="filter-author" name="author">
          <option value="">Any</option>
          <Options choices={choices.authors} selected={filters.author ? [filters.author] : []} />
        </select>
      </div>
      <div class="filter">
        <label for="filter-created-from">Created from</label>
        <input
          id="filter-created-from"
          type="date"
          name="created_from"
          value={filters.createdFrom ?? ''}
        />
      </div>
      <div class="filter">
        <label for="filter-created-to">Created to</label>
        <input
          id="filter-created-to"
          type="date"
          name="created_to"
          value={filters.createdTo ?? ''}
        />
      </div>
      <div class="filter">
        <label for="filter-confidence-min">Confidence ≥</label>
        <input
          id="filter-confidence-min"
          class="narrow"
          type="number"
          min="0"
          max="100"
          name="confidence_min"
          value={filters.confidenceMin === undefined ? '' : String(filters.confidenceMin)}
        />
      </div>
      <div class="filter">
        <label for="filter-confidence-max">Confidence ≤</label>
        <input
          id="filter-confidence-max"
          class="narrow"
          type="number"
          min="0"
          max="100"
          name="confidence_max"
          value={filters.confidenceMax === undefined ? '' : String(filters.confidenceMax)}
        />
      </div>
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
