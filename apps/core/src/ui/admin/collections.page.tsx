import { formatDate } from '@lib/ui';
import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import {
  AdminTable,
  CheckBox,
  EditForm,
  FormButtons,
  deleteAction,
  newAction,
} from './admin-fields';
import { AdminPage, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';
import { KIND_FLAGS, KIND_LABELS } from './collection-kinds.service';
import type { CollectionKind, CollectionValues } from './collection-kinds.service';

export type CollectionRow = {
  id: string;
  name: string;
  description: string;
  flags: string[];
  filtered: boolean;
  updated: string;
};

const PUBLIC_PATHS: Readonly<Record<CollectionKind, string>> = {
  streams: '/stream/',
  taxii: '/taxii2/root/collections/',
  feeds: '/feeds/',
};

/** One kind's list: name, where clients read it, its flags. */
export function CollectionsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  kind: CollectionKind;
  rows: readonly CollectionRow[];
  notice?: string | undefined;
}): JSX.Element {
  const labels = KIND_LABELS[props.kind];
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={labels.many}
      notice={props.notice}
      actions={newAction(`/admin/${props.kind}/new`, `New ${labels.one}`)}
    >
      <AdminTable
        caption={labels.many}
        columns={['Name', 'Address', 'Options', 'Filtered', 'Updated']}
      >
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/admin/${props.kind}/${encodeURIComponent(r.id)}`} safe>
                {r.name}
              </a>
              {r.description ? (
                <div class="muted" safe>
                  {r.description}
                </div>
              ) : (
                ''
              )}
            </td>
            <td>
              <code safe>{`${PUBLIC_PATHS[props.kind]}${r.id}`}</code>
            </td>
            <td safe>{r.flags.join(', ') || '—'}</td>
            <td>{r.filtered ? 'Yes' : 'No (everything)'}</td>
            <td safe>{formatDate(r.updated)}</td>
          </tr>
        ))}
      </AdminTable>
      {props.rows.length === 0 ? <p class="muted">None yet.</p> : ''}
    </AdminPage>
  );
}

function FeedFields(props: { values: CollectionValues }): JSX.Element {
  const v = (key: string) => String(props.values[key] ?? '');
  return (
    <>
      <div class="form-grid">
        <div>
          <label for="field-format">Format</label>
          <select id="field-format" name="format">
            {['csv', 'txt', 'json'].map((f) => (
              <option value={f} selected={f === (v('format') || 'csv')} safe>
                {f.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        <TextField name="separator" label="Separator" value={v('separator') || ','} />
        <TextField
          name="rolling_time"
          label="Rolling window (minutes, 0: none)"
          type="number"
          min={0}
          value={v('rolling_time') || '0'}
        />
        <TextField
          name="feed_types"
          label="Entity types"
          value={v('feed_types')}
          hint="Comma separated, e.g. Indicator, IPv4-Addr."
        />
      </div>
      <label for="field-feed_attributes">Columns (one attribute per line)</label>
      <textarea id="field-feed_attributes" name="feed_attributes" safe>
        {v('feed_attributes')}
      </textarea>
    </>
  );
}

/** Creating (no id) or editing a collection of one kind. */
export function CollectionFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  kind: CollectionKind;
  id?: string | undefined;
  values: CollectionValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { kind, id, values } = props;
  const labels = KIND_LABELS[kind];
  const action = id ? `/admin/${kind}/${encodeURIComponent(id)}` : `/admin/${kind}`;
  const name = String(values.name ?? '');
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={id ? name : `New ${labels.one}`}
      notice={props.notice}
      actions={deleteAction(id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <div class="form-grid">
          <TextField name="name" label="Name" value={name} required />
          <TextField
            name="description"
            label="Description"
            value={String(values.description ?? '')}
          />
        </div>
        <label for="field-filters">Filters (FilterGroup JSON, blank: everything)</label>
        <textarea id="field-filters" name="filters" aria-describedby="field-filters-hint" safe>
          {String(values.filters ?? '')}
        </textarea>
        <p class="field-hint" id="field-filters-hint">
          Example:{' '}
          {
            '{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"]}],"filterGroups":[]}'
          }
        </p>
        {kind === 'feeds' ? <FeedFields values={values} /> : ''}
        {KIND_FLAGS[kind].map(([key, label]) => (
          <CheckBox id={`field-${key}`} name={key} label={label} checked={values[key] === true} />
        ))}
        <FormButtons submit={id ? 'Save' : 'Create'} cancel={`/admin/${kind}`} />
      </EditForm>
    </AdminPage>
  );
}
