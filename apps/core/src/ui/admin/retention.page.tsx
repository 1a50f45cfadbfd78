import { formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import { RETENTION_UNITS } from '../../retention/retention-rule.types';
import type { FormChoices } from '../knowledge/form-options.service';
import { AuthorSelect, MarkingLabelFields } from '../pages/form-fields';
import type { FormProblem } from './admin-form.util';
import { AdminTable, EditForm, deleteAction, newAction } from './admin-fields';
import { AdminPage, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';
import type { RetentionFormValues } from './retention-form.types';

export type RetentionRow = {
  id: string;
  name: string;
  /** What the filters select, in words. */
  selects: string;
  maxAge: string;
  lastRun: string | null;
  deleted: number | null;
  remaining: number | null;
};

const count = (n: number | null) => (n === null ? '—' : String(n));

/** The retention rules: what each deletes, after how long, and its last run. */
export function RetentionRulesPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  rows: readonly RetentionRow[];
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title="Retention rules"
      notice={props.notice}
      actions={newAction('/admin/retention/new', 'New retention rule')}
    >
      <p class="field-hint">
        Knowledge (entities, observables, relationships) matching a rule and not updated for longer
        than its age is deleted automatically, as if by a user; the audit log shows each deletion.
      </p>
      <AdminTable
        caption="Retention rules"
        columns={['Name', 'Deletes', 'Not updated for', 'Last run', 'Deleted', 'Remaining']}
      >
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/admin/retention/${encodeURIComponent(r.id)}`} safe>
                {r.name}
              </a>
            </td>
            <td safe>{r.selects}</td>
            <td safe>{r.maxAge}</td>
            <td>{r.lastRun ? formatDate(r.lastRun) : 'Not yet'}</td>
            <td safe>{count(r.deleted)}</td>
            <td safe>{count(r.remaining)}</td>
          </tr>
        ))}
      </AdminTable>
      {props.rows.length === 0 ? <p class="muted">No rule: nothing is deleted.</p> : ''}
    </AdminPage>
  );
}

function AgeFields(props: { values: RetentionFormValues }): JSX.Element {
  return (
    <div class="form-grid">
      <TextField
        name="max_retention"
        label="Delete when not updated for"
        type="number"
        min={1}
        value={props.values.max_retention}
        required
      />
      <div>
        <label for="field-retention_unit">Unit</label>
        <select id="field-retention_unit" name="retention_unit">
          {RETENTION_UNITS.map((u) => (
            <option value={u} selected={u === props.values.retention_unit}>
              {u}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function FilterFields(props: { values: RetentionFormValues; choices: FormChoices }): JSX.Element {
  const { values, choices } = props;
  return (
    <fieldset class="check-list">
      <legend>Which knowledge (each field filled must match, any of its choices; none: all)</legend>
      <div class="form-grid">
        <TextField
          name="entity_types"
          label="Entity types"
          value={values.entity_types}
          hint="Comma separated, e.g. Indicator, IPv4-Addr, Stix-Domain-Object."
        />
        <TextField
          name="confidence_max"
          label="Confidence at most"
          type="number"
          min={0}
          max={100}
          value={values.confidence_max}
        />
        <AuthorSelect choices={choices} selected={values.createdBy} />
      </div>
      <MarkingLabelFields
        choices={choices}
        objectMarking={values.objectMarking}
        objectLabel={values.objectLabel}
      />
      <details open={values.advanced !== ''}>
        <summary>Advanced: filters as JSON</summary>
        <label for="field-advanced">FilterGroup JSON (when given, replaces the fields above)</label>
        <textarea id="field-advanced" name="advanced" aria-describedby="field-advanced-hint" safe>
          {values.advanced}
        </textarea>
        <p class="field-hint" id="field-advanced-hint">
          The filters of the knowledge lists, e.g.{' '}
          {'{"mode":"and","filters":[{"key":["x_opencti_score"],"values":[20],"operator":"lt"}]}'}
        </p>
      </details>
    </fieldset>
  );
}

/** Creating (no id) or editing a retention rule, with a dry run ("Check") before saving. */
export function RetentionRuleFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  id?: string | undefined;
  values: RetentionFormValues;
  choices: FormChoices;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { id, values } = props;
  const action = id ? `/admin/retention/${encodeURIComponent(id)}` : '/admin/retention';
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={id ? values.name || 'Retention rule' : 'New retention rule'}
      notice={props.notice}
      actions={deleteAction(id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <TextField name="name" label="Name" value={values.name} required />
        <AgeFields values={values} />
        <FilterFields values={values} choices={props.choices} />
        <div class="form-actions">
          <button type="submit" class="primary" name="intent" value="save">
            {id ? 'Save' : 'Create'}
          </button>
          <button type="submit" name="intent" value="check">
            Check (count what it would delete now)
          </button>
          <a class="button" href="/admin/retention">
            Cancel
          </a>
        </div>
      </EditForm>
    </AdminPage>
  );
}
