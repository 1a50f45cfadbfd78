import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import {
  AdminTable,
  CheckBox,
  deleteAction,
  EditForm,
  FormButtons,
  newAction,
} from './admin-fields';
import { AdminPage, CheckList, TextField } from './admin-layout';
import type { AdminTab, Choice } from './admin-layout';

export type GroupRow = {
  id: string;
  name: string;
  roles: string[];
  markings: string[];
  members: number;
  maxConfidence: number;
  byDefault: boolean;
};

/** The groups list. */
export function GroupsPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  rows: readonly GroupRow[];
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title="Groups"
      notice={props.notice}
      actions={newAction('/admin/groups/new', 'New group')}
    >
      <AdminTable
        caption="Groups"
        columns={[
          'Name',
          'Roles',
          'Allowed markings',
          'Members',
          'Max confidence',
          'Default for new users',
        ]}
      >
        {props.rows.map((g) => (
          <tr>
            <td>
              <a href={`/admin/groups/${encodeURIComponent(g.id)}`} safe>
                {g.name}
              </a>
            </td>
            <td safe>{g.roles.join(', ') || '—'}</td>
            <td safe>{g.markings.join(', ') || '—'}</td>
            <td class="num" safe>
              {String(g.members)}
            </td>
            <td class="num" safe>
              {String(g.maxConfidence)}
            </td>
            <td>{g.byDefault ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </AdminTable>
    </AdminPage>
  );
}

export type GroupFormValues = {
  name: string;
  description: string;
  maxConfidence: string;
  byDefault: boolean;
  roles: Choice[];
  markings: Choice[];
  defaultMarkings: Choice[];
  members: Choice[];
};

/** Creating (no id) or editing a group. */
export function GroupFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  id?: string | undefined;
  values: GroupFormValues;
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { id, values } = props;
  const action = id ? `/admin/groups/${encodeURIComponent(id)}` : '/admin/groups';
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={id ? `Group ${values.name}` : 'New group'}
      notice={props.notice}
      actions={deleteAction(id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <div class="form-grid">
          <TextField name="name" label="Name" value={values.name} required />
          <TextField name="description" label="Description" value={values.description} />
          <TextField
            name="max_confidence"
            label="Max confidence"
            type="number"
            min={0}
            max={100}
            value={values.maxConfidence}
            hint="0 to 100: the highest confidence members may write."
          />
        </div>
        <CheckBox
          id="field-default"
          name="default_assignation"
          label="New users join this group"
          checked={values.byDefault}
        />
        <div class="grid-2">
          <CheckList legend="Roles" name="roles" choices={values.roles} />
          <CheckList
            legend="Allowed markings"
            name="markings"
            choices={values.markings}
            empty="No marking definition."
          />
          <CheckList
            legend="Default markings (new content of the members)"
            name="default_markings"
            choices={values.defaultMarkings}
          />
          <CheckList
            legend="Members"
            name="members"
            choices={values.members}
            empty="No user yet."
          />
        </div>
        <FormButtons submit={id ? 'Save' : 'Create group'} cancel="/admin/groups" />
      </EditForm>
    </AdminPage>
  );
}
