import type { Chrome } from '@lib/ui';
import type { FormProblem } from './admin-form.util';
import { AdminTable, deleteAction, EditForm, FormButtons, newAction } from './admin-fields';
import { AdminPage, TextField } from './admin-layout';
import type { AdminTab } from './admin-layout';

export type RoleRow = { id: string; name: string; description: string; capabilities: string[] };

/** The roles list. */
export function RolesPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  rows: readonly RoleRow[];
  notice?: string | undefined;
}): JSX.Element {
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title="Roles"
      notice={props.notice}
      actions={newAction('/admin/roles/new', 'New role')}
    >
      <AdminTable caption="Roles" columns={['Name', 'Description', 'Capabilities']}>
        {props.rows.map((r) => (
          <tr>
            <td>
              <a href={`/admin/roles/${encodeURIComponent(r.id)}`} safe>
                {r.name}
              </a>
            </td>
            <td safe>{r.description || '—'}</td>
            <td class="capabilities" safe>
              {r.capabilities.join(', ') || '—'}
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminPage>
  );
}

export type CapabilityChoice = { name: string; depth: number; label: string; checked: boolean };

/** Creating (no id) or editing a role: name, description, the capability tree. */
export function RoleFormPage(props: {
  chrome: Chrome;
  tabs: readonly AdminTab[];
  id?: string | undefined;
  name: string;
  description: string;
  capabilities: readonly CapabilityChoice[];
  problem?: FormProblem | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const action = props.id ? `/admin/roles/${encodeURIComponent(props.id)}` : '/admin/roles';
  return (
    <AdminPage
      chrome={props.chrome}
      tabs={props.tabs}
      title={props.id ? `Role ${props.name}` : 'New role'}
      notice={props.notice}
      actions={deleteAction(props.id, action)}
    >
      <EditForm chrome={props.chrome} action={action} problem={props.problem}>
        <div class="form-grid">
          <TextField name="name" label="Name" value={props.name} required />
          <TextField name="description" label="Description" value={props.description} />
        </div>
        <fieldset class="check-list capability-tree">
          <legend>Capabilities</legend>
          <p class="field-hint">A capability includes the ones nested under it.</p>
          {props.capabilities.map((c) => (
            <div class={`check depth-${c.depth}`}>
              <input
                type="checkbox"
                id={`cap-${c.name}`}
                name="capabilities"
                value={c.name}
                checked={c.checked}
              />
              <label for={`cap-${c.name}`} safe>
                {c.label}
              </label>
              <code class="muted" safe>
                {c.name}
              </code>
            </div>
          ))}
        </fieldset>
        <FormButtons submit={props.id ? 'Save' : 'Create role'} cancel="/admin/roles" />
      </EditForm>
    </AdminPage>
  );
}
